package org.hospital.surveillance.projection.sterilization;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.projection.support.Bucket;
import org.hospital.surveillance.projection.support.FactPlacer;
import org.hospital.surveillance.projection.support.FactRef;
import org.hospital.surveillance.projection.support.Placement;
import org.hospital.surveillance.projection.support.Transition;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.sterilization.LoadVerdict;

/**
 * What each sterilization event does to the compliance read model, free of Axon and MongoDB.
 * Bucket {@code {sterilizerId, month}} holds {@code loads.<loadId>} = {@code {status,
 * failedIndicators}}, the {@link LoadVerdict} of the load's latest version and latest biological
 * reading.
 *
 * <p>The load and its late biological reading are two parts of one fact, each versioned on its
 * own, and the locator keeps both: the verdict needs the load when the reading comes, and the
 * reading when an amended load comes. A reading that comes before its load waits in the locator.
 */
public final class SterilizationLedger {

    static final String LOADS = "loads";
    private static final String LOAD = "load";
    private static final String READING = "reading";

    private final FactPlacer placer;
    private final HospitalCalendar calendar;

    public SterilizationLedger(FactPlacer placer, HospitalCalendar calendar) {
        this.placer = Objects.requireNonNull(placer, "placer");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** A load, first recorded or amended. */
    public void load(SterilizationLoad load, long sequence) {
        placer.apply(fact(load.loadId()), LOAD, sequence, state -> verdictOf(state.append(LOAD, toDocument(load))));
    }

    /** The late reading of a load's biological indicator: it replaces the load's PENDING. */
    public void biologicalReading(String loadId, IndicatorResult result, Instant readAt, long sequence) {
        Document reading = new Document("result", result.name()).append("readAt", readAt == null ? null : readAt.toString());
        placer.apply(fact(loadId), READING, sequence, state -> verdictOf(state.append(READING, reading)));
    }

    private static FactRef fact(String loadId) {
        return new FactRef(StreamKeys.sterilizationLoad(loadId), LOADS, loadId);
    }

    private Transition verdictOf(Document state) {
        Document loadState = state.get(LOAD, Document.class);
        if (loadState == null) {
            return new Transition(state, Optional.empty());
        }
        SterilizationLoad load = fromDocument(loadState);
        Document reading = state.get(READING, Document.class);
        LoadVerdict verdict = LoadVerdict.of(load, reading == null ? null : IndicatorResult.valueOf(reading.getString("result")));
        Document entry = new Document("status", verdict.status().name())
                .append("failedIndicators", verdict.failedIndicators());
        Placement placement = new Placement(
                Bucket.sterilizerMonth(load.sterilizerId(), calendar.monthOf(load.completedAt())), entry);
        return new Transition(state, Optional.of(placement));
    }

    private static Document toDocument(SterilizationLoad load) {
        return new Document("loadId", load.loadId())
                .append("sterilizerId", load.sterilizerId())
                .append("cycleType", nameOf(load.cycleType()))
                .append("completedAt", load.completedAt().toString())
                .append("bowieDick", nameOf(load.bowieDick()))
                .append("chemicalIndicator", nameOf(load.chemicalIndicator()))
                .append("biologicalIndicator", nameOf(load.biologicalIndicator()))
                .append("packs", load.packs());
    }

    private static SterilizationLoad fromDocument(Document load) {
        return new SterilizationLoad(
                load.getString("loadId"),
                load.getString("sterilizerId"),
                valueOf(CycleType.class, load.getString("cycleType")),
                Instant.parse(load.getString("completedAt")),
                valueOf(BowieDickResult.class, load.getString("bowieDick")),
                valueOf(IndicatorResult.class, load.getString("chemicalIndicator")),
                valueOf(BiologicalIndicatorResult.class, load.getString("biologicalIndicator")),
                load.getInteger("packs", 0));
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E valueOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}

package org.hospital.surveillance.app.benchmark;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.events.EventMetadata;
import org.hospital.surveillance.events.alert.AlertAcknowledged;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.casereport.DeviceAssociation;
import org.hospital.surveillance.events.casereport.InfectionSite;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.events.environment.EnvironmentClass;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;

/**
 * A synthetic ten-year history of a 40-ward hospital, appended through Axon's own storage engine
 * (its serializer, its JDBC batch insert) in batches, far faster than through HTTP. Every event is
 * a new fact (sequence 0 of its aggregate) except the acknowledgements of the alerts raised.
 * Per 100 events: 50 lab results, 15 ward census days, 15 environment samples, 10 sterilization
 * loads, 8 HAI case reports, 1 cluster alert raised and its acknowledgement, so every projection
 * has work: rates (census, cases), environment compliance, sterilization compliance, alert board.
 */
final class GeneratedHistory {

    static final int WARDS = 40;
    private static final LocalDate FIRST_DAY = LocalDate.of(2016, 1, 1);
    private static final int DAYS = 3650;
    private static final Map<String, String> METADATA = Map.of(EventMetadata.PRINCIPAL, "generator",
            EventMetadata.CHANNEL, EventMetadata.CHANNEL_HTTP, EventMetadata.RECEIVED_AT, "2026-01-01T00:00:00Z");
    private static final String[][] ORGANISMS = {
            {"Staphylococcus aureus", "MRSA"}, {"Staphylococcus aureus", null}, {"Escherichia coli", "ESBL"},
            {"Klebsiella pneumoniae", "CRE"}, {"Enterococcus faecium", "VRE"}, {"Acinetobacter baumannii", "CRAB"}};

    private final int total;

    GeneratedHistory(int total) {
        this.total = total;
    }

    /** Appends events {@code from} (inclusive) to {@code to} (exclusive) in batches of {@code batchSize}, each one transaction. */
    void appendTo(EventStorageEngine engine, int from, int to, int batchSize) {
        List<DomainEventMessage<?>> batch = new ArrayList<>(batchSize);
        for (int i = from; i < to; i++) {
            batch.add(event(i));
            if (batch.size() == batchSize || i == to - 1) {
                engine.appendEvents(batch);
                batch.clear();
            }
        }
    }

    private DomainEventMessage<?> event(int i) {
        int slot = i % 100;
        int cycle = i / 100;
        // Facts spread evenly over ten years, in the order they happened.
        LocalDate day = FIRST_DAY.plusDays((long) i * DAYS / total);
        Instant at = day.atTime(10, 0).toInstant(ZoneOffset.UTC);
        String ward = "W-" + (i % WARDS);
        if (slot < 50) {
            String[] organism = ORGANISMS[i % ORGANISMS.length];
            boolean positive = i % 5 == 0;
            LabResult result = new LabResult("G-" + i, "P-" + (i % 20_000), ward, at.minus(i % 7, ChronoUnit.DAYS),
                    SpecimenType.values()[i % SpecimenType.values().length], at,
                    positive ? CultureResult.POSITIVE : CultureResult.NEGATIVE,
                    positive ? organism[0] : null, positive ? organism[1] : null, List.of());
            return message("Specimen", "lab-result:G-" + i, 0, new LabResultRecorded(result));
        }
        if (slot < 65) {
            // Census days are unique per ward and date: the n-th census is ward n mod 40, day n / 40.
            int n = cycle * 15 + slot - 50;
            LocalDate date = FIRST_DAY.plusDays(n / WARDS);
            String censusWard = "W-" + (n % WARDS);
            return message("WardCensusDay", "ward-census:" + censusWard + ":" + date, 0, new WardCensusRecorded(
                    new WardCensus(censusWard, date, 20 + n % 10, 2 + n % 3, 5, 6, 3)));
        }
        if (slot < 80) {
            return message("HygieneSample", "environment-sample:GE-" + i, 0, new EnvironmentSampleRecorded(
                    new EnvironmentSample("GE-" + i, ward, SampleType.AIR, EnvironmentClass.II, null, null, i % 6, at)));
        }
        if (slot < 90) {
            return message("SterilizerCycle", "sterilization-load:GS-" + i, 0, new SterilizationLoadRecorded(
                    new SterilizationLoad("GS-" + i, "S" + (i % 10), CycleType.PREVACUUM_STEAM, at, BowieDickResult.PASS,
                            i % 50 == 0 ? IndicatorResult.FAIL : IndicatorResult.PASS,
                            i % 7 == 0 ? BiologicalIndicatorResult.PENDING : BiologicalIndicatorResult.PASS, 40)));
        }
        if (slot < 98) {
            String[] organism = ORGANISMS[i % ORGANISMS.length];
            return message("InfectionCase", "case-report:GC-" + i, 0, new CaseReported(new CaseReport("GC-" + i,
                    "P-" + (i % 20_000), ward, CaseCategory.HAI, InfectionSite.values()[i % 7], organism[0], organism[1], at,
                    DeviceAssociation.values()[i % 3], null, null)));
        }
        String alertId = "CLU-G" + cycle;
        if (slot == 98) {
            List<ClusterCase> cases = List.of(new ClusterCase("lab-result:G-" + (i - 98), "P-1", at),
                    new ClusterCase("lab-result:G-" + (i - 93), "P-2", at), new ClusterCase("lab-result:G-" + (i - 88), "P-3", at));
            return message("Alert", AlertIds.aggregateId(alertId), 0,
                    new ClusterAlertRaised(alertId, ward, "Staphylococcus aureus", "MRSA", cases));
        }
        return message("Alert", AlertIds.aggregateId(alertId), 1, new AlertAcknowledged(alertId, "seen"));
    }

    private static DomainEventMessage<?> message(String aggregateType, String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, METADATA);
    }
}

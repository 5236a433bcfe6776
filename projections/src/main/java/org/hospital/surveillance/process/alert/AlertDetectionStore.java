package org.hospital.surveillance.process.alert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.rules.cluster.ClusterCandidate;
import org.hospital.surveillance.rules.cluster.ClusterKey;

/**
 * The alert detector's own state in MongoDB: keyed documents only, each written whole, so a
 * redelivered event rewrites the same document. Instants are kept as ISO-8601 strings so a case
 * date survives to the nanosecond and compares equal with the one in a redelivered event.
 */
final class AlertDetectionStore {

    /** Per fact (lab result or case report): the last version applied, and the key it counted under. */
    static final String SOURCES = "alert_detection_sources";
    /** Per cluster key: its current cases and its clusters. */
    static final String KEYS = "alert_detection_keys";
    /** Per cluster alert: its key and members as the alert's own events say, to freeze them on closing. */
    static final String CLUSTER_ALERTS = "alert_detection_cluster_alerts";
    /** Per sterilization load: the latest version and the late biological reading. */
    static final String LOADS = "alert_detection_loads";

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /** What the detector last applied for a fact. {@code key} is null when the fact is not a case. */
    record SourceState(long sequence, boolean retracted, ClusterKey key) {
    }

    /** What the detector knows of a cluster alert from the alert's events. */
    record ClusterAlertState(String alertId, ClusterKey key, long lastSequence, List<ClusterCase> members) {
    }

    /** A load as last recorded or amended, and its late biological reading if any. */
    record LoadState(long lastSequence, SterilizationLoad load, IndicatorResult lateBiologicalReading) {
    }

    private final MongoCollection<Document> sources;
    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> clusterAlerts;
    private final MongoCollection<Document> loads;

    AlertDetectionStore(MongoDatabase database) {
        this.sources = database.getCollection(SOURCES);
        this.keys = database.getCollection(KEYS);
        this.clusterAlerts = database.getCollection(CLUSTER_ALERTS);
        this.loads = database.getCollection(LOADS);
    }

    Optional<SourceState> source(String source) {
        return Optional.ofNullable(sources.find(Filters.eq("_id", source)).first())
                .map(d -> new SourceState(d.getLong("sequence"), d.getBoolean("retracted", false), key(d.get("key", Document.class))));
    }

    void saveSource(String source, SourceState state) {
        sources.replaceOne(Filters.eq("_id", source), new Document("_id", source)
                .append("sequence", state.sequence())
                .append("retracted", state.retracted())
                .append("key", state.key() == null ? null : document(state.key())), UPSERT);
    }

    ClusterKeyState keyState(ClusterKey key) {
        Document d = keys.find(Filters.eq("_id", ClusterKeyState.idOf(key))).first();
        if (d == null) {
            return ClusterKeyState.empty(key);
        }
        List<ClusterCandidate> cases = d.getList("cases", Document.class).stream()
                .map(c -> new ClusterCandidate(key, clusterCase(c), c.getString("organism"), c.getString("phenotype")))
                .toList();
        List<ClusterKeyState.TrackedCluster> clusters = d.getList("clusters", Document.class).stream()
                .map(c -> new ClusterKeyState.TrackedCluster(c.getString("alertId"), c.getInteger("ordinal"),
                        clusterCases(c.getList("members", Document.class)), c.getBoolean("closed")))
                .toList();
        return new ClusterKeyState(key, cases, clusters);
    }

    void saveKeyState(ClusterKeyState state) {
        String id = ClusterKeyState.idOf(state.key());
        Document d = document(state.key()).append("_id", id)
                .append("cases", state.cases().stream()
                        .map(c -> document(c.clusterCase()).append("organism", c.organism()).append("phenotype", c.phenotype()))
                        .toList())
                .append("clusters", state.clusters().stream()
                        .map(c -> new Document("alertId", c.alertId())
                                .append("ordinal", c.ordinal())
                                .append("closed", c.closed())
                                .append("members", documents(c.members())))
                        .toList());
        keys.replaceOne(Filters.eq("_id", id), d, UPSERT);
    }

    Optional<ClusterAlertState> clusterAlert(String alertId) {
        return Optional.ofNullable(clusterAlerts.find(Filters.eq("_id", alertId)).first())
                .map(d -> new ClusterAlertState(alertId, key(d.get("key", Document.class)), d.getLong("lastSequence"),
                        clusterCases(d.getList("members", Document.class))));
    }

    void saveClusterAlert(ClusterAlertState state) {
        clusterAlerts.replaceOne(Filters.eq("_id", state.alertId()), new Document("_id", state.alertId())
                .append("key", document(state.key()))
                .append("lastSequence", state.lastSequence())
                .append("members", documents(state.members())), UPSERT);
    }

    Optional<LoadState> load(String loadId) {
        return Optional.ofNullable(loads.find(Filters.eq("_id", loadId)).first()).map(d -> {
            Document l = d.get("load", Document.class);
            SterilizationLoad load = new SterilizationLoad(loadId, l.getString("sterilizerId"),
                    enumOf(CycleType.class, l.getString("cycleType")), instant(l.getString("completedAt")),
                    enumOf(BowieDickResult.class, l.getString("bowieDick")),
                    enumOf(IndicatorResult.class, l.getString("chemicalIndicator")),
                    enumOf(BiologicalIndicatorResult.class, l.getString("biologicalIndicator")),
                    l.getInteger("packs", 0));
            return new LoadState(d.getLong("lastSequence"), load, enumOf(IndicatorResult.class, d.getString("lateBiologicalReading")));
        });
    }

    void saveLoad(LoadState state) {
        SterilizationLoad load = state.load();
        Document l = new Document("sterilizerId", load.sterilizerId())
                .append("cycleType", name(load.cycleType()))
                .append("completedAt", load.completedAt() == null ? null : load.completedAt().toString())
                .append("bowieDick", name(load.bowieDick()))
                .append("chemicalIndicator", name(load.chemicalIndicator()))
                .append("biologicalIndicator", name(load.biologicalIndicator()))
                .append("packs", load.packs());
        loads.replaceOne(Filters.eq("_id", load.loadId()), new Document("_id", load.loadId())
                .append("lastSequence", state.lastSequence())
                .append("load", l)
                .append("lateBiologicalReading", name(state.lateBiologicalReading())), UPSERT);
    }

    private static Document document(ClusterKey key) {
        return new Document("wardId", key.wardId()).append("organism", key.organism()).append("phenotype", key.phenotype());
    }

    private static ClusterKey key(Document d) {
        return d == null ? null : ClusterKey.of(d.getString("wardId"), d.getString("organism"), d.getString("phenotype"));
    }

    private static Document document(ClusterCase c) {
        return new Document("source", c.source()).append("patientId", c.patientId()).append("caseAt", c.caseAt().toString());
    }

    private static List<Document> documents(List<ClusterCase> cases) {
        return cases.stream().map(AlertDetectionStore::document).toList();
    }

    private static ClusterCase clusterCase(Document d) {
        return new ClusterCase(d.getString("source"), d.getString("patientId"), instant(d.getString("caseAt")));
    }

    private static List<ClusterCase> clusterCases(List<Document> documents) {
        return documents.stream().map(AlertDetectionStore::clusterCase).toList();
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}

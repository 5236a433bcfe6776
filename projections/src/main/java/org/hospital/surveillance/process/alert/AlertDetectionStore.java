package org.hospital.surveillance.process.alert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
 *
 * <p>Read and written a batch at a time ({@link DetectionBatch}): the documents of a batch's facts
 * are fetched with one query per collection, and what the batch changed is written with one bulk
 * write per collection, before the batch's token commits.
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
    /**
     * While the detector judges a history from scratch: the alerts to bring in line once it reaches
     * the head it started from (cluster keys, and environment and sterilization alerts not yet raised).
     */
    static final String PENDING = "alert_detection_pending";
    /** One document: how far the detector's judging of the history from scratch has come. */
    static final String PROGRESS = "alert_detection_progress";
    private static final String PROGRESS_ID = "catch-up";
    /** Unordered: each document of a batch is written whole once, so the order of the writes does not matter. */
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

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

    /**
     * The judging of the history from scratch: events up to {@code until} (the head when the
     * detector started with no state) only build state; {@code done} once the batch reaching it
     * brought the alerts in line; {@code pendingCleared} once a later batch removed the pending list.
     * {@code until} is -1 for a detector that had no history to judge (or kept its state).
     */
    record Progress(long until, boolean done, boolean pendingCleared) {

        static final Progress LIVE = new Progress(-1, true, true);
    }

    private final MongoCollection<Document> sources;
    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> clusterAlerts;
    private final MongoCollection<Document> loads;
    private final MongoCollection<Document> pending;
    private final MongoCollection<Document> progress;

    AlertDetectionStore(MongoDatabase database) {
        this.sources = database.getCollection(SOURCES);
        this.keys = database.getCollection(KEYS);
        this.clusterAlerts = database.getCollection(CLUSTER_ALERTS);
        this.loads = database.getCollection(LOADS);
        this.pending = database.getCollection(PENDING);
        this.progress = database.getCollection(PROGRESS);
    }

    // --- a batch's reads: one query per collection ---

    Map<String, SourceState> sources(Collection<String> ids) {
        return byId(sources, ids, AlertDetectionStore::sourceState);
    }

    /** By {@link ClusterKeyState#idOf}. */
    Map<String, ClusterKeyState> keyStates(Collection<ClusterKey> keysToRead) {
        Map<String, ClusterKey> byId = new HashMap<>();
        keysToRead.forEach(k -> byId.put(ClusterKeyState.idOf(k), k));
        return byId(keys, byId.keySet(), d -> keyState(byId.get(d.getString("_id")), d));
    }

    Map<String, ClusterAlertState> clusterAlerts(Collection<String> alertIds) {
        return byId(clusterAlerts, alertIds, AlertDetectionStore::clusterAlertState);
    }

    Map<String, LoadState> loads(Collection<String> loadIds) {
        return byId(loads, loadIds, AlertDetectionStore::loadState);
    }

    private static <T> Map<String, T> byId(MongoCollection<Document> collection, Collection<String> ids,
                                           Function<Document, T> read) {
        Map<String, T> found = new HashMap<>();
        if (!ids.isEmpty()) {
            collection.find(Filters.in("_id", ids)).forEach(d -> found.put(d.getString("_id"), read.apply(d)));
        }
        return found;
    }

    // --- a batch's writes: one bulk write per collection ---

    void write(Map<String, SourceState> changedSources, Collection<ClusterKeyState> changedKeys,
               Collection<ClusterAlertState> changedClusterAlerts, Collection<LoadState> changedLoads) {
        bulk(sources, changedSources.entrySet().stream().map(e -> replace(sourceDocument(e.getKey(), e.getValue()))).toList());
        bulk(keys, changedKeys.stream().map(k -> replace(keyDocument(k))).toList());
        bulk(clusterAlerts, changedClusterAlerts.stream().map(a -> replace(clusterAlertDocument(a))).toList());
        bulk(loads, changedLoads.stream().map(l -> replace(loadDocument(l))).toList());
    }

    /** Pending entries to write whole, or to remove where the value is null. */
    void writePending(Map<String, Document> changes) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        changes.forEach((id, d) -> writes.add(d == null ? new DeleteOneModel<>(Filters.eq("_id", id))
                : replace(new Document(d).append("_id", id))));
        bulk(pending, writes);
    }

    List<Document> pending() {
        return pending.find().into(new ArrayList<>());
    }

    void clearPending() {
        pending.deleteMany(new Document());
    }

    Optional<Progress> progress() {
        return Optional.ofNullable(progress.find(Filters.eq("_id", PROGRESS_ID)).first())
                .map(d -> new Progress(d.getLong("until"), d.getBoolean("done"), d.getBoolean("pendingCleared")));
    }

    void saveProgress(Progress state) {
        progress.replaceOne(Filters.eq("_id", PROGRESS_ID), new Document("_id", PROGRESS_ID)
                .append("until", state.until()).append("done", state.done())
                .append("pendingCleared", state.pendingCleared()), UPSERT);
    }

    /** Whether the detector has any state at all (it has judged facts before). */
    boolean holdsState() {
        return sources.find().first() != null || keys.find().first() != null
                || clusterAlerts.find().first() != null || loads.find().first() != null;
    }

    private static ReplaceOneModel<Document> replace(Document d) {
        return new ReplaceOneModel<>(Filters.eq("_id", d.get("_id")), d, UPSERT);
    }

    private static void bulk(MongoCollection<Document> collection, List<? extends WriteModel<Document>> writes) {
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, UNORDERED);
        }
    }

    Optional<SourceState> source(String source) {
        return Optional.ofNullable(sources.find(Filters.eq("_id", source)).first()).map(AlertDetectionStore::sourceState);
    }

    ClusterKeyState keyState(ClusterKey key) {
        Document d = keys.find(Filters.eq("_id", ClusterKeyState.idOf(key))).first();
        return d == null ? ClusterKeyState.empty(key) : keyState(key, d);
    }

    Optional<ClusterAlertState> clusterAlert(String alertId) {
        return Optional.ofNullable(clusterAlerts.find(Filters.eq("_id", alertId)).first())
                .map(AlertDetectionStore::clusterAlertState);
    }

    Optional<LoadState> load(String loadId) {
        return Optional.ofNullable(loads.find(Filters.eq("_id", loadId)).first()).map(AlertDetectionStore::loadState);
    }

    // --- documents ---

    private static SourceState sourceState(Document d) {
        return new SourceState(d.getLong("sequence"), d.getBoolean("retracted", false), key(d.get("key", Document.class)));
    }

    private static Document sourceDocument(String source, SourceState state) {
        return new Document("_id", source)
                .append("sequence", state.sequence())
                .append("retracted", state.retracted())
                .append("key", state.key() == null ? null : document(state.key()));
    }

    private static ClusterKeyState keyState(ClusterKey key, Document d) {
        List<ClusterCandidate> cases = d.getList("cases", Document.class).stream()
                .map(c -> new ClusterCandidate(key, clusterCase(c), c.getString("organism"), c.getString("phenotype")))
                .toList();
        List<ClusterKeyState.TrackedCluster> clusters = d.getList("clusters", Document.class).stream()
                .map(c -> new ClusterKeyState.TrackedCluster(c.getString("alertId"), c.getInteger("ordinal"),
                        clusterCases(c.getList("members", Document.class)), c.getBoolean("closed")))
                .toList();
        return new ClusterKeyState(key, cases, clusters);
    }

    private static Document keyDocument(ClusterKeyState state) {
        return document(state.key()).append("_id", ClusterKeyState.idOf(state.key()))
                .append("cases", state.cases().stream()
                        .map(c -> document(c.clusterCase()).append("organism", c.organism()).append("phenotype", c.phenotype()))
                        .toList())
                .append("clusters", state.clusters().stream()
                        .map(c -> new Document("alertId", c.alertId())
                                .append("ordinal", c.ordinal())
                                .append("closed", c.closed())
                                .append("members", documents(c.members())))
                        .toList());
    }

    private static ClusterAlertState clusterAlertState(Document d) {
        return new ClusterAlertState(d.getString("_id"), key(d.get("key", Document.class)), d.getLong("lastSequence"),
                clusterCases(d.getList("members", Document.class)));
    }

    private static Document clusterAlertDocument(ClusterAlertState state) {
        return new Document("_id", state.alertId())
                .append("key", document(state.key()))
                .append("lastSequence", state.lastSequence())
                .append("members", documents(state.members()));
    }

    private static LoadState loadState(Document d) {
        Document l = d.get("load", Document.class);
        SterilizationLoad load = new SterilizationLoad(d.getString("_id"), l.getString("sterilizerId"),
                enumOf(CycleType.class, l.getString("cycleType")), instant(l.getString("completedAt")),
                enumOf(BowieDickResult.class, l.getString("bowieDick")),
                enumOf(IndicatorResult.class, l.getString("chemicalIndicator")),
                enumOf(BiologicalIndicatorResult.class, l.getString("biologicalIndicator")),
                l.getInteger("packs", 0));
        return new LoadState(d.getLong("lastSequence"), load, enumOf(IndicatorResult.class, d.getString("lateBiologicalReading")));
    }

    private static Document loadDocument(LoadState state) {
        SterilizationLoad load = state.load();
        Document l = new Document("sterilizerId", load.sterilizerId())
                .append("cycleType", name(load.cycleType()))
                .append("completedAt", load.completedAt() == null ? null : load.completedAt().toString())
                .append("bowieDick", name(load.bowieDick()))
                .append("chemicalIndicator", name(load.chemicalIndicator()))
                .append("biologicalIndicator", name(load.biologicalIndicator()))
                .append("packs", load.packs());
        return new Document("_id", load.loadId())
                .append("lastSequence", state.lastSequence())
                .append("load", l)
                .append("lateBiologicalReading", name(state.lateBiologicalReading()));
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

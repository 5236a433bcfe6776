package org.hospital.surveillance.query.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import reactor.core.publisher.Flux;

/** Past read models a test sets by hand, remembering which instants were asked for. */
public final class FixedPast implements PastReadModels {

    private final Map<String, List<Document>> documents = new HashMap<>();
    public final List<Instant> askedFor = new ArrayList<>();

    public FixedPast with(String projection, String collection, List<Document> asTheyWere) {
        documents.put(projection + "/" + collection, List.copyOf(asTheyWere));
        return this;
    }

    @Override
    public Flux<Document> documents(String projection, String collection, Instant asOf) {
        askedFor.add(asOf);
        return Flux.fromIterable(documents.getOrDefault(projection + "/" + collection, List.of()));
    }
}

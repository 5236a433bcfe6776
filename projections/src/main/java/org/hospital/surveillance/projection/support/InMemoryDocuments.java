package org.hospital.surveillance.projection.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** {@link KeyedDocuments} in a map, for a read model computed on the side and thrown away (a look into the past). */
public final class InMemoryDocuments implements KeyedDocuments {

    private final Map<String, Document> documents = new HashMap<>();

    @Override
    public Document find(String id) {
        return documents.get(id);
    }

    @Override
    public void save(Document document) {
        documents.put((String) document.get("_id"), document);
    }

    @Override
    public void clear() {
        documents.clear();
    }

    /** Every document, in no particular order. */
    public List<Document> all() {
        return new ArrayList<>(documents.values());
    }
}

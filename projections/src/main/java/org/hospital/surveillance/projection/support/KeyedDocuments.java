package org.hospital.surveillance.projection.support;

import org.bson.Document;

/**
 * A collection of documents read and written whole by their {@code _id}: the only access a
 * projection that keeps one document per key (an alert, a bucket, a fact's locator) needs. MongoDB,
 * an in-memory map (a look into the past) and a write-behind buffer over MongoDB (a rebuild) can all
 * provide it.
 */
public interface KeyedDocuments {

    /** The document with this {@code _id}, or null. The caller may change it and {@link #save} it. */
    Document find(String id);

    /** Stores the document under its {@code _id}, replacing any earlier one. */
    void save(Document document);

    /** Forgets every document, for a rebuild from the start of the history. */
    void clear();
}

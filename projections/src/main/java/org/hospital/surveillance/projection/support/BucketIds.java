package org.hospital.surveillance.projection.support;

import java.time.YearMonth;
import org.bson.Document;

/**
 * Bucket ids are small documents rather than joined strings, so that no separator has to be
 * escaped out of ward or sterilizer ids. Field order is part of the id (MongoDB compares embedded
 * documents field by field), which is why they are built here only. The query side builds the same
 * shapes: {@code {wardId, month}} and {@code {sterilizerId, month}}, month as {@code YYYY-MM}.
 */
public final class BucketIds {

    private BucketIds() {
    }

    public static Document wardMonth(String wardId, YearMonth month) {
        return new Document("wardId", wardId).append("month", month.toString());
    }

    public static Document sterilizerMonth(String sterilizerId, YearMonth month) {
        return new Document("sterilizerId", sterilizerId).append("month", month.toString());
    }
}

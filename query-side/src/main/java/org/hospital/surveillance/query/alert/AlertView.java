package org.hospital.surveillance.query.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * One alert as GET /api/alerts answers it. Fields that do not apply to the alert's type or status
 * (a cluster's patients on an environment alert, who closed an open alert) are left out rather
 * than sent as null. Times are ISO-8601 instants in UTC.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(
        String alertId,
        String type,
        String wardId,
        String organism,
        String phenotype,
        Integer caseCount,
        List<String> patientIds,
        String firstCaseAt,
        String lastCaseAt,
        String status,
        String raisedAt,
        String detail,
        String sampleId,
        String sampleType,
        Double cfu,
        Double limit,
        String collectedAt,
        String loadId,
        String sterilizerId,
        List<String> failedIndicators,
        String completedAt,
        String acknowledgedBy,
        String acknowledgedAt,
        String closedBy,
        String closedAt,
        String outcome,
        String note) {

    /** Reads a document of the alert board the {@code alert-board} projection writes. */
    static AlertView of(Document d) {
        return new AlertView(
                d.getString("alertId"),
                d.getString("type"),
                d.getString("wardId"),
                d.getString("organism"),
                d.getString("phenotype"),
                d.getInteger("caseCount"),
                d.getList("patientIds", String.class),
                instant(d, "firstCaseAt"),
                instant(d, "lastCaseAt"),
                d.getString("status"),
                instant(d, "raisedAt"),
                d.getString("detail"),
                d.getString("sampleId"),
                d.getString("sampleType"),
                d.getDouble("cfu"),
                d.getDouble("limit"),
                instant(d, "collectedAt"),
                d.getString("loadId"),
                d.getString("sterilizerId"),
                d.getList("failedIndicators", String.class),
                instant(d, "completedAt"),
                d.getString("acknowledgedBy"),
                instant(d, "acknowledgedAt"),
                d.getString("closedBy"),
                instant(d, "closedAt"),
                d.getString("outcome"),
                d.getString("note"));
    }

    private static String instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant().toString();
    }
}

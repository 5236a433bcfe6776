package org.hospital.surveillance.events;

import java.time.LocalDate;
import java.util.List;

/**
 * The key of each fact stream: its name and the fact's natural key ({@code lab-result:L-001}).
 * Aggregates are identified by it (Axon's JDBC store keys events on aggregate id and sequence,
 * not on the aggregate type, so the keys of different streams must not collide), and the
 * projections and the cluster rule name the facts they count by it.
 */
public final class StreamKeys {

    public static final String LAB_RESULT = "lab-result";
    public static final String CASE_REPORT = "case-report";
    public static final String WARD_CENSUS = "ward-census";
    public static final String ENVIRONMENT_SAMPLE = "environment-sample";
    public static final String STERILIZATION_LOAD = "sterilization-load";
    public static final String ALERT = "alert";
    /** Every stream, e.g. for a bounded metric tag. */
    public static final List<String> ALL = List.of(WARD_CENSUS, LAB_RESULT, ENVIRONMENT_SAMPLE, STERILIZATION_LOAD,
            CASE_REPORT, ALERT);

    private StreamKeys() {
    }

    public static String labResult(String accessionNumber) {
        return LAB_RESULT + ":" + accessionNumber;
    }

    public static String caseReport(String caseId) {
        return CASE_REPORT + ":" + caseId;
    }

    public static String wardCensus(String wardId, LocalDate date) {
        return WARD_CENSUS + ":" + wardId + ":" + date;
    }

    public static String environmentSample(String sampleId) {
        return ENVIRONMENT_SAMPLE + ":" + sampleId;
    }

    public static String sterilizationLoad(String loadId) {
        return STERILIZATION_LOAD + ":" + loadId;
    }

    public static String alert(String alertId) {
        return ALERT + ":" + alertId;
    }
}

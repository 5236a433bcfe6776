package org.hospital.surveillance.query.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * One alert as GET /api/alerts shows it, plus, for a cluster, the cases behind it: which lab result
 * ({@code lab-result:<accession>}) or case report ({@code case-report:<caseId>}), whose, and when
 * (collection or onset), earliest first. Environment and sterilization alerts name their sample or
 * load in the alert itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertDetail(@JsonUnwrapped AlertView alert, List<TriggeringCase> cases) {

    /** A case of a cluster alert: the fact it comes from, its patient and its case time. */
    public record TriggeringCase(String source, String patientId, String caseAt) {
    }

    static AlertDetail of(Document d) {
        List<TriggeringCase> cases = "CLUSTER".equals(d.getString("type"))
                ? d.getList("cases", Document.class, List.of()).stream()
                        .map(c -> new TriggeringCase(c.getString("source"), c.getString("patientId"), instant(c.getDate("caseAt"))))
                        .toList()
                : null;
        return new AlertDetail(AlertView.of(d), cases);
    }

    private static String instant(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}

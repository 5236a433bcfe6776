package org.hospital.surveillance.app.eventstore.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A case report as the first version of the platform recorded it, when it knew only
 * hospital-acquired infections: {@code {"caseId","patientId","wardId","infectionSite","organism",
 * "phenotype","onset","device"}}, flat. Today: wrapped in {@code report}, {@code category} HAI
 * (notifiable diseases, with {@code disease} and {@code diagnosedAt}, came later), {@code onset}
 * renamed {@code onsetAt} and {@code device} renamed {@code deviceAssociation}.
 */
@Component
@Order(0)
public class CaseReportedRevision0Upcaster extends FlatRevision0Upcaster {

    public CaseReportedRevision0Upcaster() {
        super(CaseReported.class, "report");
    }

    @Override
    void reshape(ObjectNode fact) {
        if (!fact.has("category")) {
            fact.put("category", CaseCategory.HAI.name());
        }
        rename(fact, "onset", "onsetAt");
        rename(fact, "device", "deviceAssociation");
    }
}

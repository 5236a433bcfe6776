package org.hospital.surveillance.events.casereport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hospital.surveillance.events.upcasting.FlatRevision0Upcaster;

/**
 * A case report as the first version of the platform recorded it, when it knew only
 * hospital-acquired infections: {@code {"caseId","patientId","wardId","infectionSite","organism",
 * "phenotype","onset","device"}}, flat. Revision 1: wrapped in {@code report}, {@code category} HAI
 * (notifiable diseases, with {@code disease} and {@code diagnosedAt}, came later), {@code onset}
 * renamed {@code onsetAt} and {@code device} renamed {@code deviceAssociation}.
 */
final class CaseReportedRevision0Upcaster extends FlatRevision0Upcaster {

    CaseReportedRevision0Upcaster() {
        super(CaseReported.class, "report");
    }

    @Override
    protected void reshape(ObjectNode fact) {
        if (!fact.has("category")) {
            fact.put("category", CaseCategory.HAI.name());
        }
        rename(fact, "onset", "onsetAt");
        rename(fact, "device", "deviceAssociation");
    }
}

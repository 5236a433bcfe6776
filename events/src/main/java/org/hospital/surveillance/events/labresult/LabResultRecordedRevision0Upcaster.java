package org.hospital.surveillance.events.labresult;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hospital.surveillance.events.upcasting.FlatRevision0Upcaster;

/**
 * A lab result as the first version of the platform recorded it:
 * {@code {"accessionNumber","patientId","wardId","admittedAt","specimen","collectedAt","result","organism","phenotype"}},
 * flat, with the specimen type called {@code specimen} and no antibiogram (susceptibility was not
 * captured yet). Revision 1: wrapped in {@code labResult}, {@code specimenType}, and an empty
 * {@code susceptibility} (nothing was reported, which is what an empty list says).
 */
final class LabResultRecordedRevision0Upcaster extends FlatRevision0Upcaster {

    LabResultRecordedRevision0Upcaster() {
        super(LabResultRecorded.class, "labResult");
    }

    @Override
    protected void reshape(ObjectNode fact) {
        rename(fact, "specimen", "specimenType");
        if (!fact.has("susceptibility")) {
            fact.putArray("susceptibility");
        }
    }
}

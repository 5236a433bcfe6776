package org.hospital.surveillance.app.eventstore.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A lab result as the first version of the platform recorded it:
 * {@code {"accessionNumber","patientId","wardId","admittedAt","specimen","collectedAt","result","organism","phenotype"}},
 * flat, with the specimen type called {@code specimen} and no antibiogram (susceptibility was not
 * captured yet). Today: wrapped in {@code labResult}, {@code specimenType}, and an empty
 * {@code susceptibility} (nothing was reported, which is what an empty list says).
 *
 * <p>A Spring bean, so Axon's upcaster chain (the event store, hence every projection and
 * aggregate) and the history export both apply it.
 */
@Component
@Order(0)
public class LabResultRecordedRevision0Upcaster extends FlatRevision0Upcaster {

    public LabResultRecordedRevision0Upcaster() {
        super(LabResultRecorded.class, "labResult");
    }

    @Override
    void reshape(ObjectNode fact) {
        rename(fact, "specimen", "specimenType");
        if (!fact.has("susceptibility")) {
            fact.putArray("susceptibility");
        }
    }
}

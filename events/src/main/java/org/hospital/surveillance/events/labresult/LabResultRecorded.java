package org.hospital.surveillance.events.labresult;

import org.axonframework.serialization.Revision;

@Revision("1")
public record LabResultRecorded(LabResult labResult) {
}

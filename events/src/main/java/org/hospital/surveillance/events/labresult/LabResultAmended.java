package org.hospital.surveillance.events.labresult;

import org.axonframework.serialization.Revision;

/** The lab re-issued the result with changed content; the new version replaces the old one. */
@Revision("1")
public record LabResultAmended(LabResult labResult) {
}

package org.hospital.surveillance.events.environment;

import java.time.Instant;

/**
 * A hygiene-monitoring sample. {@code environmentClass} is set for AIR and SURFACE,
 * {@code handDisinfection} for HANDS, {@code disinfectantUse} for DISINFECTANT_IN_USE; the others are null.
 */
public record EnvironmentSample(
        String sampleId,
        String wardId,
        SampleType sampleType,
        EnvironmentClass environmentClass,
        HandDisinfection handDisinfection,
        DisinfectantUse disinfectantUse,
        double cfu,
        Instant collectedAt) {
}

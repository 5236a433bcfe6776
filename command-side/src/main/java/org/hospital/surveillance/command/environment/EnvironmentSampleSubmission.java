package org.hospital.surveillance.command.environment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import org.hospital.surveillance.command.intake.Checks;
import org.hospital.surveillance.command.intake.FactKey;
import org.hospital.surveillance.command.intake.NotInFuture;
import org.hospital.surveillance.command.intake.CrossFieldRules;
import org.hospital.surveillance.events.environment.DisinfectantUse;
import org.hospital.surveillance.events.environment.EnvironmentClass;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.HandDisinfection;
import org.hospital.surveillance.events.environment.SampleType;

/**
 * Body of {@code POST /api/environment-samples}. Each sample type takes exactly the qualifier its
 * limit depends on (GB 15982-2012) and no other: a hand-disinfection kind on an air plate means
 * the form was filled in wrongly, and guessing which field is right would hide it.
 */
@CrossFieldRules.Checked
public record EnvironmentSampleSubmission(
        @FactKey String sampleId,
        @FactKey String wardId,
        @NotNull SampleType sampleType,
        EnvironmentClass environmentClass,
        HandDisinfection handDisinfection,
        DisinfectantUse disinfectantUse,
        @NotNull @PositiveOrZero Double cfu,
        @NotNull @NotInFuture Instant collectedAt) implements CrossFieldRules {

    @Override
    public void check(Checks checks) {
        if (sampleType != null) {
            qualifier(checks, "environmentClass", environmentClass,
                    sampleType == SampleType.AIR || sampleType == SampleType.SURFACE);
            qualifier(checks, "handDisinfection", handDisinfection, sampleType == SampleType.HANDS);
            qualifier(checks, "disinfectantUse", disinfectantUse, sampleType == SampleType.DISINFECTANT_IN_USE);
        }
    }

    private void qualifier(Checks checks, String field, Object value, boolean taken) {
        checks.requiredWhen(taken, field, value, "sampleType is " + sampleType);
        checks.refusedUnless(taken, field, value, sampleType + " samples do not take it");
    }

    public EnvironmentSample toFact() {
        return new EnvironmentSample(sampleId, wardId, sampleType, environmentClass, handDisinfection, disinfectantUse,
                cfu, collectedAt);
    }
}

package org.hospital.surveillance.rules.sterilization;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;

/**
 * Whether a load's items may reach clinical departments. {@code failedIndicators} names the failed
 * checks in the order {@value #BOWIE_DICK}, {@value #CHEMICAL_INDICATOR}, {@value #BIOLOGICAL_INDICATOR};
 * it is empty unless the status is FAILED.
 */
public record LoadVerdict(LoadStatus status, List<String> failedIndicators) {

    public static final String BOWIE_DICK = "BOWIE_DICK";
    public static final String CHEMICAL_INDICATOR = "CHEMICAL_INDICATOR";
    public static final String BIOLOGICAL_INDICATOR = "BIOLOGICAL_INDICATOR";

    public LoadVerdict {
        Objects.requireNonNull(status, "status");
        failedIndicators = List.copyOf(failedIndicators);
        if ((status == LoadStatus.FAILED) == failedIndicators.isEmpty()) {
            throw new IllegalArgumentException("a FAILED verdict, and only that, names failed indicators: "
                    + status + " " + failedIndicators);
        }
    }

    /**
     * The verdict on a load.
     *
     * @param lateBiologicalReading the biological indicator read after the load was recorded, or null
     *        if none yet; it replaces the load's PENDING. A FAIL on either reading fails the load: a
     *        later PASS does not bring back items already recalled on a failed indicator.
     */
    public static LoadVerdict of(SterilizationLoad load, IndicatorResult lateBiologicalReading) {
        Objects.requireNonNull(load, "load");
        List<String> failed = new ArrayList<>(3);
        if (bowieDickFailed(load)) {
            failed.add(BOWIE_DICK);
        }
        if (Objects.requireNonNull(load.chemicalIndicator(), "chemicalIndicator") == IndicatorResult.FAIL) {
            failed.add(CHEMICAL_INDICATOR);
        }
        BiologicalIndicatorResult recorded = Objects.requireNonNull(load.biologicalIndicator(), "biologicalIndicator");
        if (recorded == BiologicalIndicatorResult.FAIL || lateBiologicalReading == IndicatorResult.FAIL) {
            failed.add(BIOLOGICAL_INDICATOR);
        }
        if (!failed.isEmpty()) {
            return new LoadVerdict(LoadStatus.FAILED, failed);
        }
        boolean stillIncubating = recorded == BiologicalIndicatorResult.PENDING && lateBiologicalReading == null;
        return new LoadVerdict(stillIncubating ? LoadStatus.PENDING : LoadStatus.PASSED, List.of());
    }

    /**
     * The Bowie-Dick test checks air removal, which only a pre-vacuum steam sterilizer needs, so
     * skipping it fails only such a load. An absent result counts as NOT_DONE.
     */
    private static boolean bowieDickFailed(SterilizationLoad load) {
        BowieDickResult bowieDick = load.bowieDick() == null ? BowieDickResult.NOT_DONE : load.bowieDick();
        return bowieDick == BowieDickResult.FAIL
                || (bowieDick == BowieDickResult.NOT_DONE && load.cycleType() == CycleType.PREVACUUM_STEAM);
    }
}

package org.hospital.surveillance.rules.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.hospital.surveillance.events.environment.DisinfectantUse;
import org.hospital.surveillance.events.environment.EnvironmentClass;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.HandDisinfection;
import org.hospital.surveillance.events.environment.SampleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentLimitsTest {

    private final EnvironmentLimits defaults = new EnvironmentLimits(EnvironmentLimitSettings.defaults());

    @ParameterizedTest(name = "{0} {1} at {2} CFU: limit {3}, compliant {4}")
    @CsvSource({
            // GB 15982-2012: air <= 4.0 CFU per plate in every class (only the exposure time differs)
            "AIR, I,   4.0,  4.0, true",
            "AIR, I,   4.01, 4.0, false",
            "AIR, II,  4.0,  4.0, true",
            "AIR, II,  4.01, 4.0, false",
            "AIR, III, 4.0,  4.0, true",
            "AIR, III, 4.01, 4.0, false",
            "AIR, IV,  4.0,  4.0, true",
            "AIR, IV,  4.01, 4.0, false",
            "AIR, II,  0,    4.0, true",
            // surfaces: <= 5.0 CFU/cm² in classes I and II, <= 10.0 in III and IV
            "SURFACE, I,   5.0,   5.0,  true",
            "SURFACE, I,   5.01,  5.0,  false",
            "SURFACE, II,  5.0,   5.0,  true",
            "SURFACE, II,  5.01,  5.0,  false",
            "SURFACE, II,  7.0,   5.0,  false",
            "SURFACE, III, 7.0,   10.0, true",
            "SURFACE, III, 10.0,  10.0, true",
            "SURFACE, III, 10.01, 10.0, false",
            "SURFACE, IV,  10.0,  10.0, true",
            "SURFACE, IV,  10.01, 10.0, false",
            // hands: hygienic <= 10, surgical <= 5 CFU/cm²
            "HANDS, HYGIENIC, 10,   10, true",
            "HANDS, HYGIENIC, 10.01, 10, false",
            "HANDS, SURGICAL, 5,    5,  true",
            "HANDS, SURGICAL, 5.01, 5,  false",
            "HANDS, SURGICAL, 7,    5,  false",
            // disinfectant in use: sterilant no growth, skin/mucosa <= 10, other <= 100 CFU/mL
            "DISINFECTANT_IN_USE, STERILANT,   0,      0,   true",
            "DISINFECTANT_IN_USE, STERILANT,   0.01,   0,   false",
            "DISINFECTANT_IN_USE, STERILANT,   1,      0,   false",
            "DISINFECTANT_IN_USE, SKIN_MUCOSA, 10,     10,  true",
            "DISINFECTANT_IN_USE, SKIN_MUCOSA, 10.01,  10,  false",
            "DISINFECTANT_IN_USE, OTHER,       100,    100, true",
            "DISINFECTANT_IN_USE, OTHER,       100.01, 100, false",
            // sterile-storage fluid and sterilized items: no growth
            "STERILE_STORAGE_FLUID, , 0,    0, true",
            "STERILE_STORAGE_FLUID, , 0.01, 0, false",
            "STERILE_STORAGE_FLUID, , 1,    0, false",
            "STERILIZED_ITEM,       , 0,    0, true",
            "STERILIZED_ITEM,       , 0.01, 0, false",
            "STERILIZED_ITEM,       , 1,    0, false"})
    void defaultLimitsAreGb15982AndAValueAtTheLimitIsCompliant(
            SampleType type, String qualifier, double cfu, double expectedLimit, boolean expectedCompliant) {
        EnvironmentSample sample = sample(type, qualifier, cfu);

        assertThat(defaults.limitFor(sample)).isEqualTo(expectedLimit);
        assertThat(defaults.isCompliant(sample)).isEqualTo(expectedCompliant);
    }

    @Test
    void theSmallestDoubleAboveALimitIsAlreadyNonCompliant() {
        assertThat(defaults.isCompliant(sample(SampleType.AIR, "II", Math.nextUp(4.0)))).isFalse();
        assertThat(defaults.isCompliant(sample(SampleType.SURFACE, "III", Math.nextUp(10.0)))).isFalse();
        assertThat(defaults.isCompliant(sample(SampleType.STERILIZED_ITEM, null, Double.MIN_VALUE))).isFalse();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
            "AIR, environmentClass",
            "SURFACE, environmentClass",
            "HANDS, handDisinfection",
            "DISINFECTANT_IN_USE, disinfectantUse"})
    void aMissingQualifierIsRejectedByName(SampleType type, String qualifier) {
        EnvironmentSample sample = sample(type, null, 1.0);

        assertThatIllegalArgumentException().isThrownBy(() -> defaults.limitFor(sample))
                .withMessageContaining(qualifier).withMessageContaining(type.name());
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.isCompliant(sample))
                .withMessageContaining(qualifier);
    }

    @Test
    void aQualifierOfAnotherSampleTypeDoesNotStandInForTheRequiredOne() {
        EnvironmentSample handsWithAClass = new EnvironmentSample("E-001", "ICU-1", SampleType.HANDS,
                EnvironmentClass.I, null, DisinfectantUse.OTHER, 1.0, Instant.parse("2026-03-03T09:00:00Z"));

        assertThatIllegalArgumentException().isThrownBy(() -> defaults.limitFor(handsWithAClass))
                .withMessageContaining("handDisinfection");
    }

    @Test
    void qualifiersThatDoNotApplyAreIgnored() {
        EnvironmentSample item = new EnvironmentSample("E-001", "OR-1", SampleType.STERILIZED_ITEM,
                EnvironmentClass.III, HandDisinfection.HYGIENIC, DisinfectantUse.OTHER, 0, Instant.parse("2026-03-03T09:00:00Z"));

        assertThat(defaults.limitFor(item)).isEqualTo(0.0);
    }

    @Test
    void eachSettingGovernsItsOwnSampleKind() {
        // Ten different limits, so a swapped field shows up as a wrong number.
        EnvironmentLimits custom = new EnvironmentLimits(new EnvironmentLimitSettings(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

        assertThat(custom.limitFor(sample(SampleType.AIR, "I", 0))).isEqualTo(1);
        assertThat(custom.limitFor(sample(SampleType.AIR, "IV", 0))).isEqualTo(1);
        assertThat(custom.limitFor(sample(SampleType.SURFACE, "I", 0))).isEqualTo(2);
        assertThat(custom.limitFor(sample(SampleType.SURFACE, "II", 0))).isEqualTo(2);
        assertThat(custom.limitFor(sample(SampleType.SURFACE, "III", 0))).isEqualTo(3);
        assertThat(custom.limitFor(sample(SampleType.SURFACE, "IV", 0))).isEqualTo(3);
        assertThat(custom.limitFor(sample(SampleType.HANDS, "HYGIENIC", 0))).isEqualTo(4);
        assertThat(custom.limitFor(sample(SampleType.HANDS, "SURGICAL", 0))).isEqualTo(5);
        assertThat(custom.limitFor(sample(SampleType.DISINFECTANT_IN_USE, "STERILANT", 0))).isEqualTo(6);
        assertThat(custom.limitFor(sample(SampleType.DISINFECTANT_IN_USE, "SKIN_MUCOSA", 0))).isEqualTo(7);
        assertThat(custom.limitFor(sample(SampleType.DISINFECTANT_IN_USE, "OTHER", 0))).isEqualTo(8);
        assertThat(custom.limitFor(sample(SampleType.STERILE_STORAGE_FLUID, null, 0))).isEqualTo(9);
        assertThat(custom.limitFor(sample(SampleType.STERILIZED_ITEM, null, 0))).isEqualTo(10);
    }

    @Test
    void aStricterCustomAirLimitMakesAFormerlyCompliantPlateNonCompliant() {
        EnvironmentLimitSettings d = EnvironmentLimitSettings.defaults();
        EnvironmentLimits stricter = new EnvironmentLimits(new EnvironmentLimitSettings(2.5, d.surfaceClassIandII(),
                d.surfaceClassIIIandIV(), d.handsHygienic(), d.handsSurgical(), d.disinfectantSterilant(),
                d.disinfectantSkinMucosa(), d.disinfectantOther(), d.sterileStorageFluid(), d.sterilizedItem()));

        assertThat(stricter.isCompliant(sample(SampleType.AIR, "II", 2.5))).isTrue();
        assertThat(stricter.isCompliant(sample(SampleType.AIR, "II", 3.0))).isFalse();
        assertThat(defaults.isCompliant(sample(SampleType.AIR, "II", 3.0))).isTrue();
    }

    @Test
    void defaultsAreTheDomainValues() {
        assertThat(EnvironmentLimitSettings.defaults())
                .isEqualTo(new EnvironmentLimitSettings(4.0, 5.0, 10.0, 10, 5, 0, 10, 100, 0, 0));
    }

    @Test
    void aNegativeOrUndefinedLimitIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EnvironmentLimitSettings(-1, 5, 10, 10, 5, 0, 10, 100, 0, 0))
                .withMessageContaining("air");
        assertThatIllegalArgumentException().isThrownBy(() -> new EnvironmentLimitSettings(4, 5, 10, 10, 5, 0, 10, Double.NaN, 0, 0))
                .withMessageContaining("disinfectantOther");
        assertThatIllegalArgumentException().isThrownBy(
                () -> new EnvironmentLimitSettings(4, 5, 10, 10, 5, 0, 10, 100, 0, Double.POSITIVE_INFINITY))
                .withMessageContaining("sterilizedItem");
    }

    /** A sample whose qualifier (class, hand disinfection or disinfectant use) is named by {@code qualifier}. */
    private static EnvironmentSample sample(SampleType type, String qualifier, double cfu) {
        EnvironmentClass environmentClass = null;
        HandDisinfection handDisinfection = null;
        DisinfectantUse disinfectantUse = null;
        if (qualifier != null) {
            switch (type) {
                case AIR, SURFACE -> environmentClass = EnvironmentClass.valueOf(qualifier);
                case HANDS -> handDisinfection = HandDisinfection.valueOf(qualifier);
                case DISINFECTANT_IN_USE -> disinfectantUse = DisinfectantUse.valueOf(qualifier);
                default -> throw new IllegalArgumentException(type + " takes no qualifier");
            }
        }
        return new EnvironmentSample("E-001", "ICU-1", type, environmentClass, handDisinfection, disinfectantUse,
                cfu, Instant.parse("2026-03-03T09:00:00Z"));
    }
}

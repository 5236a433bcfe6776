package org.hospital.surveillance.rules.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ClusterKeyTest {

    @Test
    void organismAndPhenotypeAreNormalised() {
        ClusterKey key = ClusterKey.of("ICU-1", "  Staphylococcus   AUREUS ", " MRSA");

        assertThat(key).isEqualTo(new ClusterKey("ICU-1", "staphylococcus aureus", "mrsa"));
        assertThat(key.organism()).isEqualTo("staphylococcus aureus");
        assertThat(key.phenotype()).isEqualTo("mrsa");
    }

    @Test
    void spellingsOfTheSameOrganismAndPhenotypeShareAKey() {
        assertThat(ClusterKey.of("ICU-1", "Staphylococcus aureus", "MRSA"))
                .isEqualTo(ClusterKey.of("ICU-1", "staphylococcus  aureus ", "mrsa"));
    }

    @Test
    void aMissingPhenotypeIsItsOwnClass() {
        ClusterKey none = ClusterKey.of("ICU-1", "Escherichia coli", null);

        assertThat(none.phenotype()).isEmpty();
        assertThat(none).isEqualTo(ClusterKey.of("ICU-1", "Escherichia coli", "  "));
        assertThat(none).isNotEqualTo(ClusterKey.of("ICU-1", "Escherichia coli", "ESBL"));
    }

    @Test
    void aDifferentPhenotypeOrganismOrWardIsAnotherKey() {
        ClusterKey mrsa = ClusterKey.of("ICU-1", "Staphylococcus aureus", "MRSA");

        assertThat(mrsa).isNotEqualTo(ClusterKey.of("ICU-1", "Staphylococcus aureus", "MSSA"));
        assertThat(mrsa).isNotEqualTo(ClusterKey.of("ICU-1", "Staphylococcus epidermidis", "MRSA"));
        assertThat(mrsa).isNotEqualTo(ClusterKey.of("ICU-2", "Staphylococcus aureus", "MRSA"));
    }

    @Test
    void theWardIdIsACodeAndIsTakenAsGiven() {
        assertThat(ClusterKey.of("ICU-1", "Staphylococcus aureus", "MRSA"))
                .isNotEqualTo(ClusterKey.of("icu-1", "Staphylococcus aureus", "MRSA"));
        assertThatNullPointerException().isThrownBy(() -> ClusterKey.of(null, "Staphylococcus aureus", "MRSA"));
    }

    @Test
    void theAlertIdIsTheAgreedHashOfTheNormalisedKeyAndOrdinal() {
        // printf 'ICU-1|staphylococcus aureus|mrsa|1' | sha256sum  -> 082847256002...
        assertThat(ClusterKey.of("ICU-1", " Staphylococcus Aureus", "MRSA ").alertId(1)).isEqualTo("CLU-082847256002");
        // printf 'ICU-1|acinetobacter baumannii||2' | sha256sum    -> 35b4720f851b...
        assertThat(ClusterKey.of("ICU-1", "Acinetobacter baumannii", null).alertId(2)).isEqualTo("CLU-35b4720f851b");
    }

    @Test
    void settingsDefaultToThreePatientsWithinFourteenDaysAndRejectNonsense() {
        assertThat(ClusterSettings.defaults()).isEqualTo(new ClusterSettings(14, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClusterSettings(0, 3)).withMessageContaining("windowDays");
        assertThatIllegalArgumentException().isThrownBy(() -> new ClusterSettings(14, 0)).withMessageContaining("threshold");
    }
}

package org.hospital.surveillance.rules.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.hospital.surveillance.events.environment.SampleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplianceTargetsTest {

    @ParameterizedTest
    @CsvSource({
            "AIR, 98.0",
            "SURFACE, 98.0",
            "HANDS, 98.0",
            "DISINFECTANT_IN_USE, 100.0",
            "STERILE_STORAGE_FLUID, 100.0",
            "STERILIZED_ITEM, 100.0"})
    void defaultsAreTheSeedTargets(SampleType type, double expected) {
        assertThat(ComplianceTargets.defaults().targetFor(type)).isEqualTo(expected);
    }

    @Test
    void customTargetsAreCopiedSoLaterChangesToTheMapDoNotLeakIn() {
        Map<SampleType, Double> map = new EnumMap<>(ComplianceTargets.defaults().percent());
        map.put(SampleType.AIR, 95.0);
        ComplianceTargets targets = new ComplianceTargets(map);

        map.put(SampleType.AIR, 50.0);

        assertThat(targets.targetFor(SampleType.AIR)).isEqualTo(95.0);
        assertThat(targets.targetFor(SampleType.HANDS)).isEqualTo(98.0);
        assertThatThrownBy(() -> targets.percent().put(SampleType.AIR, 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everySampleTypeNeedsATarget() {
        Map<SampleType, Double> map = new EnumMap<>(ComplianceTargets.defaults().percent());
        map.remove(SampleType.STERILIZED_ITEM);

        assertThatIllegalArgumentException().isThrownBy(() -> new ComplianceTargets(map))
                .withMessageContaining("STERILIZED_ITEM");
    }

    @Test
    void aTargetIsAPercentage() {
        Map<SampleType, Double> map = new EnumMap<>(ComplianceTargets.defaults().percent());
        map.put(SampleType.HANDS, 100.5);

        assertThatIllegalArgumentException().isThrownBy(() -> new ComplianceTargets(map)).withMessageContaining("HANDS");
    }
}

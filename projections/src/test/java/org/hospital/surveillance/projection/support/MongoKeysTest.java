package org.hospital.surveillance.projection.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MongoKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"C-001", "case-report:C-1", "a.b", "$x", "%", "%2E", "%252E", "100%", "a.%$.b", "", "ward-census:W.1:2026-03-01"})
    void unescapeGivesBackWhatEscapeWasGiven(String key) {
        assertThat(MongoKeys.unescape(MongoKeys.escape(key))).isEqualTo(key);
    }

    @Test
    void escapedKeysHoldNoDotNorDollarAndOrdinaryIdsStayReadable() {
        assertThat(MongoKeys.escape("a.b$c%")).isEqualTo("a%2Eb%24c%25");
        assertThat(MongoKeys.escape("C-001")).isEqualTo("C-001");
    }

    @Test
    void aKeyThatEscapeCannotHaveGivenIsRefused() {
        assertThatThrownBy(() -> MongoKeys.unescape("a%2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MongoKeys.unescape("a%41")).isInstanceOf(IllegalArgumentException.class);
    }
}

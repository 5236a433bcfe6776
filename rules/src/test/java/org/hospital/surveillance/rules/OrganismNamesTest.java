package org.hospital.surveillance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrganismNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "Staphylococcus aureus|staphylococcus aureus",
            "  Staphylococcus   aureus  |staphylococcus aureus",
            "STAPHYLOCOCCUS AUREUS|staphylococcus aureus",
            "MRSA|mrsa",
            " mrsa |mrsa",
            "Klebsiella pneumoniae ssp. pneumoniae|klebsiella pneumoniae ssp. pneumoniae"})
    void trimsCollapsesWhiteSpaceAndLowerCases(String name, String expected) {
        assertThat(OrganismNames.normalise(name)).isEqualTo(expected);
    }

    @Test
    void tabsNewlinesAndNonBreakingSpacesCountAsWhiteSpace() {
        assertThat(OrganismNames.normalise("\tEscherichia\t\tcoli\r\n")).isEqualTo("escherichia coli");
        assertThat(OrganismNames.normalise("Acinetobacter\u00A0baumannii\u00A0")).isEqualTo("acinetobacter baumannii");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t \n", "\u00A0"})
    void missingOrBlankIsTheEmptyName(String name) {
        assertThat(OrganismNames.normalise(name)).isEmpty();
    }

    @Test
    void lowerCasingDoesNotDependOnTheServersLocale() {
        Locale before = Locale.getDefault();
        try {
            // In Turkish "I" lower-cases to a dotless "ı": "ESCHERICHIA" would no longer match "escherichia".
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(OrganismNames.normalise("ESCHERICHIA COLI")).isEqualTo("escherichia coli");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void normalisingTwiceChangesNothing() {
        String once = OrganismNames.normalise("  Enterococcus   FAECIUM ");

        assertThat(OrganismNames.normalise(once)).isEqualTo("enterococcus faecium");
    }
}

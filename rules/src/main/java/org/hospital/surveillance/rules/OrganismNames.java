package org.hospital.surveillance.rules;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Organism and phenotype names as the platform compares them: "Staphylococcus  aureus " from one
 * lab system and "staphylococcus aureus" from another are the same organism.
 */
public final class OrganismNames {

    // Unicode white space, so a non-breaking space pasted from a spreadsheet collapses like a space.
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private OrganismNames() {
    }

    /** Trims, collapses inner white space to one space and lower-cases (Locale.ROOT); null or blank gives "". */
    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        return WHITE_SPACE.matcher(name).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
    }
}

package org.hospital.surveillance.app.write;

/** Test bodies with single quotes standing for double quotes, to keep the JSON readable. */
public final class TestJson {
    private TestJson() {
    }

    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}

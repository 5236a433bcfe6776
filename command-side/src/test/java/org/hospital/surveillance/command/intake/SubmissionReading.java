package org.hospital.surveillance.command.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Reads test bodies through the real {@link RequestBodyReader} (real Jackson, real Bean Validation) at a fixed "now". */
public final class SubmissionReading {
    /** "Now" in these tests: 10 March 2026, noon UTC. */
    public static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private final RequestBodyReader reader;

    private SubmissionReading(Instant now, ZoneId zone) {
        this.reader = new RequestBodyReader(Clock.fixed(now, ZoneOffset.UTC), zone);
    }

    public static SubmissionReading atNoon() {
        return new SubmissionReading(NOW, ZoneOffset.UTC);
    }

    public static SubmissionReading at(Instant now, ZoneId hospitalZone) {
        return new SubmissionReading(now, hospitalZone);
    }

    /** The reader these tests use, for a decoder under test. */
    public RequestBodyReader reader() {
        return reader;
    }

    /** The valid request, or an AssertionError listing the problems found. */
    public <S> S valid(String json, Class<S> type) {
        try {
            return reader.read(json.getBytes(StandardCharsets.UTF_8), type);
        } catch (InvalidRequestBody e) {
            throw new AssertionError("expected a valid " + type.getSimpleName() + " but got " + e.problems(), e);
        }
    }

    /** Every problem reported for the body (empty if it is valid). */
    public <S> List<FieldProblem> problems(String json, Class<S> type) {
        return problems(json.getBytes(StandardCharsets.UTF_8), type);
    }

    public <S> List<FieldProblem> problems(byte[] body, Class<S> type) {
        try {
            reader.read(body, type);
            return List.of();
        } catch (InvalidRequestBody e) {
            return e.problems();
        }
    }

    /** Single quotes in test bodies stand for double quotes, to keep the JSON readable. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}

package org.hospital.surveillance.command.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.validation.BindException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/** Reads test bodies through the real {@link SubmissionReader} (real Bean Validation) at a fixed "now". */
public final class SubmissionReading {
    /** "Now" in these tests: 10 March 2026, noon UTC. */
    public static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubmissionReader reader;

    private SubmissionReading(Instant now, ZoneId zone) {
        this.reader = new SubmissionReader(VALIDATOR, Clock.fixed(now, ZoneOffset.UTC), zone);
    }

    public static SubmissionReading atNoon() {
        return new SubmissionReading(NOW, ZoneOffset.UTC);
    }

    public static SubmissionReading at(Instant now, ZoneId hospitalZone) {
        return new SubmissionReading(now, hospitalZone);
    }

    /** The valid submission, or an AssertionError listing the problems found. */
    public <S extends Submission> S valid(String json, Class<S> type) {
        try {
            return reader.read(Mono.just(JSON.readTree(json)), type).block();
        } catch (RuntimeException e) {
            throw new AssertionError("expected a valid " + type.getSimpleName() + " but got " + problemsOf(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Every problem reported for the body (empty if it is valid). */
    public <S extends Submission> List<FieldProblem> problems(String json, Class<S> type) {
        try {
            reader.read(Mono.just(JSON.readTree(json)), type).block();
            return List.of();
        } catch (RuntimeException e) {
            return problemsOf(e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<FieldProblem> problemsOf(RuntimeException e) {
        if (Exceptions.unwrap(e) instanceof BindException invalid) {
            return invalid.getFieldErrors().stream().map(f -> new FieldProblem(f.getField(), f.getDefaultMessage())).toList();
        }
        throw e;
    }

    /** Single quotes in test bodies stand for double quotes, to keep the JSON readable. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}

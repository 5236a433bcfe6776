package org.hospital.surveillance.command.intake;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;
import reactor.core.publisher.Mono;

/**
 * Turns a JSON body into a valid submission, or into a {@link BindException} naming every bad
 * field: wrong types first, then Bean Validation, then the submission's own cross-field and clock
 * checks. A field is named once, with its first problem. The shared web error handler renders
 * the exception as a 400 problem with an {@code errors} array.
 */
@Component
public class SubmissionReader {
    private final Validator validator;
    private final Clock clock;
    private final ZoneId hospitalZone;

    public SubmissionReader(Validator validator, Clock clock, ZoneId hospitalZone) {
        this.validator = validator;
        this.clock = clock;
        this.hospitalZone = hospitalZone;
    }

    /** The hospital calendar and a clock are optional beans: without them, UTC and the system clock. */
    @Autowired
    public SubmissionReader(Validator validator, ObjectProvider<Clock> clock, ObjectProvider<HospitalCalendar> calendar) {
        this(validator, clock.getIfAvailable(Clock::systemUTC), calendar.getIfAvailable(HospitalCalendar::utc).zone());
    }

    public <S extends Submission> Mono<S> read(Mono<JsonNode> body, Class<S> type) {
        return body.flatMap(node -> {
            List<FieldProblem> problems = new ArrayList<>();
            S submission = read(node, type, problems);
            return problems.isEmpty() ? Mono.just(submission) : Mono.error(invalid(type.getSimpleName(), problems));
        });
    }

    /** Reads and checks; adds every problem found to {@code problems} (the submission is valid if none). */
    <S extends Submission> S read(JsonNode node, Class<S> type, List<FieldProblem> problems) {
        S submission = new JsonFields(problems).read(node, type);
        if (submission == null) {
            return null;
        }
        List<ConstraintViolation<S>> violations = validator.validate(submission).stream()
                .sorted(Comparator.comparing((ConstraintViolation<S> v) -> fieldOf(v.getPropertyPath()))
                        .thenComparing(ConstraintViolation::getMessage))
                .toList();
        for (ConstraintViolation<S> violation : violations) {
            Checks.reportOnce(problems, fieldOf(violation.getPropertyPath()), violation.getMessage());
        }
        submission.check(new Checks(problems, clock.instant(), hospitalZone));
        return submission;
    }

    /** The JSON path of a violation: {@code susceptibility[2]} rather than Hibernate's {@code susceptibility[2].<list element>}. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }

    /** A single bad field found after reading (e.g. by an aggregate that knows more than the body). */
    public static BindException invalid(String objectName, String field, String message) {
        return invalid(objectName, List.of(new FieldProblem(field, message)));
    }

    static BindException invalid(String objectName, List<FieldProblem> problems) {
        MapBindingResult result = new MapBindingResult(new LinkedHashMap<>(), objectName);
        problems.forEach(p -> result.addError(new FieldError(objectName, p.field(), p.message())));
        return new BindException(result);
    }
}

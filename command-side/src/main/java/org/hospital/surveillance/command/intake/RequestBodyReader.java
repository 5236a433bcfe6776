package org.hospital.surveillance.command.intake;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one way a request body of the API becomes its typed request: Jackson's data binding with a
 * mapper of its own (not the one Axon serializes events with), strict where the defaults are
 * lenient, then Bean Validation. Every problem is collected, so one 400 names every bad field:
 * <ul>
 * <li>an unknown field, a value of the wrong kind ({@link StrictScalars}) or a record where
 * something else was sent is noted by {@link ProblemRecorder} and read as null;</li>
 * <li>a key given twice, content after the object, malformed JSON or a body past Jackson's
 * stream limits (nesting depth, number length) stop the reading and name the body or the field;</li>
 * <li>then the request's constraints: per field, and class-level ones ({@link CrossFieldRules})
 * for rules across fields.</li>
 * </ul>
 * Each field is named once, with its first problem: its reading before its constraints, its own
 * constraints before the rules that involve other fields.
 */
@Component
public class RequestBodyReader {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    private final ObjectMapper mapper;
    private final Validator validator;

    /** @param clock "now" for {@link NotInFuture}; its zone is the hospital's, for calendar days */
    public RequestBodyReader(Clock clock) {
        this.mapper = strictMapper();
        this.validator = Validation.byDefaultProvider().configure()
                .clockProvider(() -> clock)
                .buildValidatorFactory()
                .getValidator();
    }

    /** The hospital calendar and a clock are optional beans: without them, UTC and the system clock. */
    @Autowired
    public RequestBodyReader(ObjectProvider<Clock> clock, ObjectProvider<HospitalCalendar> calendar) {
        this(clock.getIfAvailable(Clock::systemUTC).withZone(calendar.getIfAvailable(HospitalCalendar::utc).zone()));
    }

    public RequestBodyReader(Clock clock, ZoneId hospitalZone) {
        this(clock.withZone(hospitalZone));
    }

    static ObjectMapper strictMapper() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS, MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS,
                        MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .addModule(new StrictScalars())
                .addHandler(new ProblemRecorder())
                .build();
    }

    /** The strict mapper, for what asks which types it can read. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public <T> T read(byte[] body, Class<T> type) {
        return type.cast(read(body, mapper.constructType(type)));
    }

    /** The valid request read from {@code body}, or an {@link InvalidRequestBody} naming every bad field. */
    public Object read(byte[] body, JavaType type) {
        List<FieldProblem> problems = new ArrayList<>();
        Object request = bind(body, type, problems);
        if (request == null && problems.isEmpty()) {
            problems.add(new FieldProblem(FieldProblem.BODY, ValueWording.expected(type.getRawClass())));
        }
        if (request != null) {
            validator.validate(request).stream()
                    .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> acrossFields(v) ? 1 : 0)
                            .thenComparing(v -> fieldOf(v.getPropertyPath()))
                            .thenComparing(ConstraintViolation::getMessage))
                    .forEach(v -> reportOnce(problems, fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestBody(problems);
        }
        return request;
    }

    private Object bind(byte[] body, JavaType type, List<FieldProblem> problems) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() == null) {
                problems.add(new FieldProblem(FieldProblem.BODY, "is required"));
                return null;
            }
            Object request = mapper.readerFor(type).withAttribute(ProblemRecorder.PROBLEMS, problems).readValue(parser);
            afterTheValue(parser, problems);
            return request;
        } catch (JacksonException e) {
            problems.add(problemOf(e));
            return null;
        } catch (IOException e) {
            problems.add(new FieldProblem(FieldProblem.BODY, "cannot be read"));
            return null;
        }
    }

    /**
     * The value must be all there is: anything after it, even another JSON value, would be silently
     * dropped. Checked here rather than with {@code FAIL_ON_TRAILING_TOKENS}, whose exception would
     * replace the problems already found in the value.
     */
    private static void afterTheValue(JsonParser parser, List<FieldProblem> problems) {
        boolean more;
        try {
            more = parser.nextToken() != null;
        } catch (IOException e) {
            more = true;
        }
        if (more) {
            problems.add(new FieldProblem(FieldProblem.BODY, "must end after its JSON object: there is content after it"));
        }
    }

    /**
     * A problem that stopped the reading, named as precisely as Jackson knows it: the field being
     * read when the JSON broke (binding wraps the parser's exception with the path), else the body.
     */
    static FieldProblem problemOf(JacksonException e) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping.getPath()) : FieldProblem.BODY;
        Throwable cause = e;
        while (cause instanceof JsonMappingException && cause.getCause() instanceof JacksonException wrapped) {
            cause = wrapped;
        }
        if (cause instanceof StreamConstraintsException limit) {
            return new FieldProblem(FieldProblem.BODY, "is beyond the limits of a request body: " + limit.getOriginalMessage());
        }
        if (cause instanceof JsonParseException parse) {
            Matcher duplicate = DUPLICATE.matcher(parse.getOriginalMessage());
            if (duplicate.matches() && parse.getProcessor() != null) {
                return new FieldProblem(ProblemRecorder.pathOf(parse.getProcessor().getParsingContext(), duplicate.group(1)),
                        "is given more than once");
            }
            return new FieldProblem(field, "is not well-formed JSON: " + parse.getOriginalMessage()
                    + " (line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")");
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return new FieldProblem(field, ValueWording.expected(mismatched.getTargetType()));
        }
        return new FieldProblem(field, "cannot be read: " + e.getOriginalMessage());
    }

    /** Jackson's path as the client wrote it: {@code susceptibility[0].interpretation}. */
    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? FieldProblem.BODY : field.toString();
    }

    private static boolean acrossFields(ConstraintViolation<?> violation) {
        return violation.getConstraintDescriptor().getAnnotation() instanceof CrossFieldRules.Checked;
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
        return field.isEmpty() ? FieldProblem.BODY : field.toString();
    }

    /** Adds the problem unless the field is already named: its first problem is the one to fix first. */
    private static void reportOnce(List<FieldProblem> problems, String field, String message) {
        if (problems.stream().noneMatch(p -> p.field().equals(field))) {
            problems.add(new FieldProblem(field, message));
        }
    }
}

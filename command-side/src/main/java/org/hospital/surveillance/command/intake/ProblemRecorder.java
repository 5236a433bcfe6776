package org.hospital.surveillance.command.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Lets Jackson's binding go on past a bad field: each problem is noted under the field's JSON path
 * and the field is read as null, so that one 400 names every bad field instead of the first.
 * The list of problems travels with the read as the reader attribute {@link #PROBLEMS}.
 */
final class ProblemRecorder extends DeserializationProblemHandler {
    static final Object PROBLEMS = ProblemRecorder.class;

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        note(ctxt, pathOf(p), "is not a known field");
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                        String failureMsg) throws IOException {
        note(ctxt, pathOf(p), ValueWording.expected(targetType.getRawClass()));
        p.skipChildren();
        return null;
    }

    /** A record given as a string, a number or a boolean. */
    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass, ValueInstantiator valueInsta,
                                            JsonParser p, String msg) throws IOException {
        note(ctxt, pathOf(p), ValueWording.expected(instClass));
        p.skipChildren();
        return null;
    }

    /** The strict scalar deserializers pass the API's wording as the message; Jackson's own get the standard wording. */
    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                                         String failureMsg) {
        note(ctxt, pathOf(ctxt.getParser()), wording(targetType, failureMsg));
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                                         String failureMsg) {
        note(ctxt, pathOf(ctxt.getParser()), wording(targetType, failureMsg));
        return null;
    }

    private static String wording(Class<?> targetType, String failureMsg) {
        return StrictScalars.isApiWording(failureMsg) ? failureMsg : ValueWording.expected(targetType);
    }

    @SuppressWarnings("unchecked")
    private static void note(DeserializationContext ctxt, String field, String message) {
        Object problems = ctxt.getAttribute(PROBLEMS);
        if (!(problems instanceof List<?>)) {
            throw new IllegalStateException("Request bodies are read through RequestBodyReader, which collects their problems");
        }
        ((List<FieldProblem>) problems).add(new FieldProblem(field, message));
    }

    /**
     * The JSON path of the value the parser is at, as the client wrote it
     * ({@code susceptibility[1].interpretation}); {@value FieldProblem#BODY} for the whole body.
     */
    static String pathOf(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        if (p.hasToken(JsonToken.START_OBJECT) || p.hasToken(JsonToken.START_ARRAY)) {
            context = context.getParent(); // the parser has already entered the value
        }
        return pathOf(context, null);
    }

    /** The path of {@code context}'s current value, with {@code lastName} as a last step if given. */
    static String pathOf(JsonStreamContext context, String lastName) {
        Deque<String> steps = new ArrayDeque<>();
        if (lastName != null) {
            steps.push("." + lastName);
        }
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                steps.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null && (c != context || lastName == null)) {
                steps.push("." + c.getCurrentName());
            }
        }
        String path = String.join("", steps);
        return path.isEmpty() ? FieldProblem.BODY : path.startsWith(".") ? path.substring(1) : path;
    }
}

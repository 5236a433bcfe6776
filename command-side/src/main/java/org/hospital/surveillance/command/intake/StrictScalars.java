package org.hospital.surveillance.command.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * How the API reads single values, stricter than Jackson's defaults (which would turn 2.5 patients
 * into 2, "18" into 18, true into 1, 1741168800 into an instant and "blood" into BLOOD): a text is
 * a JSON string, a count a JSON whole number, a measure a finite JSON number, an enum value its
 * exact name, a time an ISO-8601 string of the years 1 to 9999 (a database or a browser cannot
 * hold year 99999). A text holds no control characters but tab, line feed and carriage return
 * (a NUL, an escape sequence or a C1 control in a clinical record shows wrongly or not at all, or
 * cuts the text short, in the systems it is exported to). A value of the wrong kind goes to the
 * context's problem handler, which notes it and reads it as null.
 */
final class StrictScalars extends SimpleModule {
    private static final String CONTROL_CHARACTERS = "must not contain control characters other than tab, line feed and carriage return";

    StrictScalars() {
        super("strict-scalars");
        addDeserializer(String.class, new Scalar<>(String.class, StrictScalars::text));
        addDeserializer(Integer.class, new Scalar<>(Integer.class, StrictScalars::wholeNumber));
        addDeserializer(Double.class, new Scalar<>(Double.class, StrictScalars::number));
        addDeserializer(Boolean.class, new Scalar<>(Boolean.class, StrictScalars::truthValue));
        addDeserializer(Instant.class, new Scalar<>(Instant.class, p -> parsed(p, Instant.class,
                text -> Instant.parse(text), instant -> instant.atOffset(ZoneOffset.UTC).getYear())));
        addDeserializer(LocalDate.class, new Scalar<>(LocalDate.class, p -> parsed(p, LocalDate.class,
                LocalDate::parse, LocalDate::getYear)));
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                return enumOf(type.getRawClass());
            }
        });
    }

    /** Whether a deserialization message is one of ours, worded for the API's client. */
    static boolean isApiWording(String message) {
        return message != null && message.startsWith("must ");
    }

    /** What a value read from the parser is: a value, or what was wrong with it. */
    private sealed interface Reading permits Value, Wrong, Unexpected {
    }

    private record Value(Object value) implements Reading {
    }

    /** A token of the right kind whose value is not acceptable (an unknown enum name, an unparsable time). */
    private record Wrong(String message) implements Reading {
    }

    /** A token of the wrong kind (a number where a string belongs, an object where a number belongs). */
    private record Unexpected() implements Reading {
    }

    private static final Reading UNEXPECTED = new Unexpected();

    private static Reading text(JsonParser p) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return UNEXPECTED;
        }
        String text = p.getText();
        return text.chars().anyMatch(StrictScalars::refusedControl) ? new Wrong(CONTROL_CHARACTERS) : new Value(text);
    }

    /** C0 controls but tab, line feed and carriage return; DEL; the C1 controls U+0080 to U+009F. */
    private static boolean refusedControl(int c) {
        return c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0x7F && c <= 0x9F;
    }

    private static Reading wholeNumber(JsonParser p) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
            return UNEXPECTED;
        }
        return p.getNumberType() == JsonParser.NumberType.INT ? new Value(p.getIntValue())
                : new Wrong(ValueWording.expected(Integer.class)); // beyond what a count can be
    }

    private static Reading number(JsonParser p) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) && !p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
            return UNEXPECTED;
        }
        double value = p.getDoubleValue();
        return Double.isFinite(value) ? new Value(value) : new Wrong(ValueWording.expected(Double.class));
    }

    private static Reading truthValue(JsonParser p) {
        return p.hasToken(JsonToken.VALUE_TRUE) ? new Value(true) : p.hasToken(JsonToken.VALUE_FALSE) ? new Value(false) : UNEXPECTED;
    }

    private interface Parse<T> {
        T parse(String text);
    }

    private static <T> Reading parsed(JsonParser p, Class<T> type, Parse<T> parse, Function<T, Integer> year) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return UNEXPECTED;
        }
        try {
            T value = parse.parse(p.getText());
            int y = year.apply(value);
            if (y >= 1 && y <= 9999) {
                return new Value(value);
            }
        } catch (DateTimeException e) {
            // reported below
        }
        return new Wrong(ValueWording.expected(type));
    }

    private static <E> JsonDeserializer<?> enumOf(Class<E> type) {
        return new Scalar<>(type, p -> {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return UNEXPECTED;
            }
            for (E constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(p.getText())) {
                    return new Value(constant);
                }
            }
            return new Wrong(ValueWording.expected(type));
        });
    }

    private interface Read {
        Reading from(JsonParser p) throws IOException;
    }

    /** One kind of value: what {@code read} makes of the token, or the problem handed to the context. */
    private static final class Scalar<T> extends StdScalarDeserializer<T> {
        private final transient Read read;

        Scalar(Class<T> type, Read read) {
            super(type);
            this.read = read;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Reading reading = read.from(p);
            if (reading instanceof Value v) {
                return (T) v.value();
            }
            if (reading instanceof Wrong w) {
                return p.hasToken(JsonToken.VALUE_STRING)
                        ? (T) ctxt.handleWeirdStringValue(handledType(), p.getText(), w.message())
                        : (T) ctxt.handleWeirdNumberValue(handledType(), p.getNumberValue(), w.message());
            }
            return (T) ctxt.handleUnexpectedToken(handledType(), p);
        }
    }
}

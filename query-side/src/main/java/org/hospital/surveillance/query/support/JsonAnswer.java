package org.hospital.surveillance.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * A read answered with a JSON body serialised here, with the application's {@link ObjectMapper} (the
 * one WebFlux's encoder uses), so that the bytes can be kept and sent again as they are
 * ({@link JsonBody}).
 */
public final class JsonAnswer {

    private final ObjectMapper json;

    public JsonAnswer(ObjectMapper json) {
        this.json = json;
    }

    public JsonBody body(Object answer) {
        try {
            return new JsonBody(json.writeValueAsBytes(answer));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.hospital.surveillance.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A read answered with a JSON body serialised here, with the application's {@link ObjectMapper} (the
 * one WebFlux's encoder uses), so that the bytes can be kept and sent again as they are.
 */
public final class JsonAnswer {

    private final ObjectMapper json;

    public JsonAnswer(ObjectMapper json) {
        this.json = json;
    }

    public byte[] bytes(Object answer) {
        try {
            return json.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ResponseEntity<byte[]> ok(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}

package org.hospital.surveillance.command.intake;

import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.util.MimeType;
import reactor.core.publisher.Mono;

/**
 * WebFlux's JSON decoder for request bodies, reading each through {@link RequestBodyReader}: a
 * controller taking {@code @RequestBody Mono<SomeRequest>} gets a valid request or the request
 * fails with an {@link InvalidRequestBody} (a 400 naming every bad field). A body longer than
 * {@code maxBytes} is refused while it arrives, before it is parsed (WebFlux answers 413).
 */
public class RequestBodyDecoder extends Jackson2JsonDecoder {
    private final RequestBodyReader reader;
    private final int maxBytes;

    public RequestBodyDecoder(RequestBodyReader reader, int maxBytes) {
        super(reader.mapper());
        this.reader = reader;
        this.maxBytes = maxBytes;
        setMaxInMemorySize(maxBytes);
    }

    @Override
    public Mono<Object> decodeToMono(Publisher<DataBuffer> input, ResolvableType elementType, MimeType mimeType,
                                     Map<String, Object> hints) {
        return DataBufferUtils.join(input, maxBytes)
                .flatMap(buffer -> Mono.justOrEmpty(decode(buffer, elementType, mimeType, hints)));
    }

    @Override
    public Object decode(DataBuffer buffer, ResolvableType targetType, MimeType mimeType, Map<String, Object> hints) {
        byte[] body = new byte[buffer.readableByteCount()];
        try {
            buffer.read(body);
        } finally {
            DataBufferUtils.release(buffer);
        }
        return reader.read(body, getObjectMapper().constructType(targetType.getType()));
    }
}

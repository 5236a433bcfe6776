package org.hospital.surveillance.app.web;

import org.hospital.surveillance.command.intake.RequestBodyDecoder;
import org.hospital.surveillance.command.intake.RequestBodyReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.util.unit.DataSize;

/**
 * Every JSON request body of the API, the read side's included, is read by the command side's
 * {@link RequestBodyReader} (strict binding and Bean Validation) through its WebFlux decoder.
 * Only the server's codecs change: the application's ObjectMapper (responses, Axon's events) and
 * the WebClient's codecs keep Jackson's defaults. A body over
 * {@code surveillance.request-body.max-size} (default 1 MB) is refused with a 413 while it
 * arrives, before anything is parsed.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyConfiguration {

    /** After Spring Boot's own Jackson customizer, which would otherwise set its decoder over ours. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer requestBodyCodec(RequestBodyReader reader,
                                     @Value("${surveillance.request-body.max-size:1MB}") DataSize maxSize) {
        return configurer -> {
            if (configurer instanceof ServerCodecConfigurer server) {
                server.defaultCodecs().jackson2JsonDecoder(new RequestBodyDecoder(reader, Math.toIntExact(maxSize.toBytes())));
            }
        };
    }
}

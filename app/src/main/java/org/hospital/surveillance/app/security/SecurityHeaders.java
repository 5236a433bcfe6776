package org.hospital.surveillance.app.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The Content-Security-Policy of every response. The board (index.html, board.js, board.css) loads
 * only its own files, has no inline script or style and talks only to its own origin, so it gets
 * the strict policy; so does every API response (a JSON body opened in a browser runs nothing).
 * Swagger UI, a third-party page, styles its own elements inline and draws icons from data: URLs,
 * so its paths get a policy that allows exactly that, and still no foreign origin and no framing.
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

    static final String STRICT = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String SWAGGER_UI = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        if (!headers.containsKey(CONTENT_SECURITY_POLICY)) {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            boolean swaggerUi = path.startsWith("/swagger-ui") || path.startsWith("/webjars/swagger-ui");
            headers.set(CONTENT_SECURITY_POLICY, swaggerUi ? SWAGGER_UI : STRICT);
        }
        return Mono.empty();
    }
}

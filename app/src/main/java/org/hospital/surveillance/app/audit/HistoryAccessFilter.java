package org.hospital.surveillance.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.app.audit.HistoryAccess.Action;
import org.hospital.surveillance.blocking.Uninterrupted;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records in the {@link AuditLog} every look into the history before it is served: exports,
 * searches, {@code asOf} reads, rebuilds and what-if replays. Runs after Spring Security, so only
 * calls a role admits are recorded, with their user. A filter in a URL is recorded from the query
 * string; one in a JSON body (search, what-if) when the body has been read, before the controller
 * sees its end, so nothing is answered that was not recorded, and a failing audit log fails the
 * call. A {@code patientId} is never recorded, only that there was one: a hash of an identifier
 * this short would be reversed by trying them all.
 */
final class HistoryAccessFilter implements WebFilter, Ordered {

    static final String OMITTED = "(given, not recorded)";
    private static final String PATIENT_ID = "patientId";
    private static final int MAX_BODY_KEPT = 16 * 1024;
    private static final PathParser PATHS = new PathParser();

    private final AuditLog log;
    private final ObjectMapper json;
    private final Clock clock;

    HistoryAccessFilter(AuditLog log, ObjectMapper json, Clock clock) {
        this.log = log;
        this.json = json;
        this.clock = clock;
    }

    /** After Spring Security's chain (order -100): a refused call is not a look into the history. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Action action = PATHS.actionOf(request.getMethod(), request.getPath().pathWithinApplication().value(),
                request.getQueryParams());
        if (action == null) {
            return chain.filter(exchange);
        }
        String path = request.getPath().pathWithinApplication().value();
        if (HttpMethod.GET.equals(request.getMethod()) || action == Action.REBUILD) {
            String filter = fromQuery(request.getQueryParams());
            return record(exchange, action, path, filter).then(chain.filter(exchange));
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        ServerHttpRequest recording = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody()
                        .doOnNext(buffer -> keep(buffer, kept))
                        .concatWith(Mono.defer(() -> record(exchange, action, path, fromBody(kept.toByteArray())))
                                .then(Mono.empty()));
            }
        };
        return chain.filter(exchange.mutate().request(recording).build());
    }

    private Mono<Void> record(ServerWebExchange exchange, Action action, String path, String filter) {
        return exchange.getPrincipal().map(Principal::getName).defaultIfEmpty("")
                .flatMap(principal -> Uninterrupted.run(() -> log.record(clock.instant(), principal, action, path, filter)))
                .then();
    }

    private String fromQuery(MultiValueMap<String, String> parameters) {
        ObjectNode filter = json.createObjectNode();
        parameters.forEach((name, values) -> {
            if (PATIENT_ID.equals(name)) {
                filter.put(name, OMITTED);
            } else if (values.size() == 1) {
                filter.put(name, values.get(0));
            } else {
                values.forEach(filter.withArray(name)::add);
            }
        });
        return filter.toString();
    }

    private String fromBody(byte[] body) {
        if (body.length >= MAX_BODY_KEPT) {
            return "(body over " + MAX_BODY_KEPT + " bytes, not recorded)";
        }
        try {
            JsonNode filter = json.readTree(body);
            if (filter == null) {
                return "{}";
            }
            omitPatients(filter);
            return filter.toString();
        } catch (java.io.IOException notJson) {
            return "(not JSON, not recorded)";
        }
    }

    /** Wherever a {@code patientId} is, only that it was given stays. */
    private static void omitPatients(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has(PATIENT_ID)) {
                object.put(PATIENT_ID, OMITTED);
            }
            object.forEach(HistoryAccessFilter::omitPatients);
        } else if (node.isArray()) {
            node.forEach(HistoryAccessFilter::omitPatients);
        }
    }

    private static void keep(DataBuffer buffer, ByteArrayOutputStream kept) {
        for (int i = buffer.readPosition(); i < buffer.writePosition() && kept.size() < MAX_BODY_KEPT; i++) {
            kept.write(buffer.getByte(i));
        }
    }

    /** Which calls look into the history (api.md: history, rebuilds, what-if, asOf reads). */
    static final class PathParser {
        private static final PathPattern EVENTS = pattern("/api/events");
        private static final PathPattern SEARCH = pattern("/api/events/search");
        private static final PathPattern REBUILD = pattern("/api/projections/{name}/rebuild");
        private static final PathPattern WHAT_IF = pattern("/api/what-if/**");
        private static final List<PathPattern> AS_OF_READS = List.of(pattern("/api/alerts/**"), pattern("/api/rates/**"),
                pattern("/api/compliance/**"), pattern("/api/sterilization-compliance/**"), pattern("/api/board/**"));

        Action actionOf(HttpMethod method, String path, Map<String, List<String>> query) {
            var container = org.springframework.http.server.PathContainer.parsePath(path);
            if (HttpMethod.GET.equals(method)) {
                if (EVENTS.matches(container)) {
                    return Action.EXPORT;
                }
                if (query.containsKey("asOf") && AS_OF_READS.stream().anyMatch(p -> p.matches(container))) {
                    return Action.AS_OF_READ;
                }
            } else if (HttpMethod.POST.equals(method)) {
                if (SEARCH.matches(container)) {
                    return Action.SEARCH;
                }
                if (REBUILD.matches(container)) {
                    return Action.REBUILD;
                }
                if (WHAT_IF.matches(container)) {
                    return Action.WHAT_IF;
                }
            }
            return null;
        }

        private static PathPattern pattern(String pattern) {
            return PathPatternParser.defaultInstance.parse(pattern);
        }
    }
}

package org.hospital.surveillance.query.alert;

import com.mongodb.client.model.Filters;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hospital.surveillance.events.alert.AlertType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * {@code GET /api/alerts/stream}: one server-sent event named {@code alert}, carrying the alert as
 * GET /api/alerts shows it, each time an alert is raised or changes.
 *
 * <p>Every event's {@code id} is the board's change number after that change. A new connection
 * first receives an event with only an {@code id} (the board's latest change, no data: browsers
 * record it without dispatching anything), so a client that reconnects, with the
 * {@code Last-Event-ID} header browsers send by themselves or the {@code lastEventId} parameter,
 * receives exactly the alerts that changed meanwhile, each in its latest state, then the live
 * changes. Comments every {@code heartbeat} keep proxies from closing a quiet connection.
 *
 * <p>Bounded ({@link AlertStreamSettings}): at most {@code maxStreamsPerUser} streams per user and
 * {@code maxStreams} in all on this instance (more are 429 with {@code Retry-After}), and a
 * subscriber that stops reading is dropped once {@code maxBehind} changes wait for it, so a stalled
 * client holds bounded memory; its browser reconnects and resumes from its Last-Event-ID.
 */
@RestController
class AlertStreamController {

    static final String EVENT = "alert";
    /** How long a client refused for too many streams is asked to wait: streams close when pages do. */
    static final Duration RETRY_WHEN_FULL = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(AlertStreamController.class);

    private final AlertFeed feed;
    private final Duration heartbeat;
    private final Duration retry;
    /** Changes a slow client may fall behind before it is cut off (it then reconnects and resumes). */
    private final int maxBehind;
    private final StreamAdmission admission;

    AlertStreamController(AlertFeed feed, AlertStreamSettings settings) {
        this.feed = feed;
        this.heartbeat = settings.heartbeat();
        this.retry = settings.retry();
        this.maxBehind = settings.maxBehind();
        this.admission = new StreamAdmission(settings.maxStreamsPerUser(), settings.maxStreams());
    }

    @GetMapping(path = "/api/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<AlertView>> stream(@RequestParam(required = false) String wardId,
                                            @RequestParam(required = false) AlertType type,
                                            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                                            @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter,
                                            Principal principal) {
        Long resumeAfter = resumePosition(lastEventIdHeader, lastEventIdParameter);
        Filter filter = new Filter(blankToNull(wardId), type);
        StreamAdmission.Ticket ticket = admit(principal == null ? "" : principal.getName());
        Flux<ServerSentEvent<AlertView>> heartbeats = Flux.interval(heartbeat)
                .map(tick -> ServerSentEvent.<AlertView>builder().comment("heartbeat").build());
        return Flux.merge(changes(resumeAfter, filter), heartbeats).doFinally(signal -> ticket.release());
    }

    /** Streams open on this instance right now (admitted and not yet ended). */
    int openStreams() {
        return admission.open();
    }

    private StreamAdmission.Ticket admit(String user) {
        try {
            return admission.admit(user);
        } catch (StreamAdmission.Refused refused) {
            throw new TooManyStreams(refused.refusal() == StreamAdmission.Refusal.USER_AT_BOUND
                    ? "You have as many alert streams open as one user may; close a board tab or try again later."
                    : "This instance serves as many alert streams as it may; try again later.");
        }
    }

    private Flux<ServerSentEvent<AlertView>> changes(Long resumeAfter, Filter filter) {
        return Flux.defer(() -> {
            // Listen first, then look back: a change in between comes through both, and is sent once.
            Sinks.Many<Document> live = Sinks.many().unicast().onBackpressureBuffer(Queues.<Document>get(maxBehind).get());
            // Overflow ends the stream at once, not after the client has read the changes held for it.
            Sinks.Empty<Void> overflowed = Sinks.empty();
            var listening = feed.changes().subscribe(
                    change -> {
                        if (live.tryEmitNext(change) == Sinks.EmitResult.FAIL_OVERFLOW
                                && overflowed.tryEmitEmpty().isSuccess()) {
                            log.warn("An alert stream subscriber fell {} board changes behind and was dropped; it resumes"
                                    + " from its Last-Event-ID when it reconnects", maxBehind);
                        }
                    },
                    live::tryEmitError, live::tryEmitComplete);
            AtomicLong sent = new AtomicLong();
            Flux<ServerSentEvent<AlertView>> start = resumeAfter == null
                    // A new client: tell it where it is, so a reconnect resumes from here.
                    ? feed.currentPosition().doOnNext(sent::set)
                            .map(position -> ServerSentEvent.<AlertView>builder().id(Long.toString(position)).retry(retry).build())
                            .flux()
                    : Flux.defer(() -> {
                        sent.set(resumeAfter);
                        return feed.changedAfter(resumeAfter, filter.query()).map(change -> send(change, sent));
                    });
            Flux<ServerSentEvent<AlertView>> after = live.asFlux()
                    .filter(change -> AlertFeed.positionOf(change) > sent.get())
                    .filter(filter)
                    .map(change -> send(change, sent));
            Mono<ServerSentEvent<AlertView>> drop = overflowed.asMono().then(Mono.error(SlowSubscriber::new));
            return Flux.merge(Flux.concat(start, after), drop).doFinally(signal -> listening.dispose());
        });
    }

    private static ServerSentEvent<AlertView> send(Document change, AtomicLong sent) {
        long position = AlertFeed.positionOf(change);
        sent.set(position);
        return ServerSentEvent.builder(AlertView.of(change)).event(EVENT).id(Long.toString(position)).build();
    }

    /** The header wins: a browser's EventSource sends the id it last saw there when it reconnects by itself. */
    private static Long resumePosition(String header, String parameter) {
        String value = blankToNull(header) != null ? header.trim() : blankToNull(parameter);
        if (value == null) {
            return null;
        }
        String name = blankToNull(header) != null ? "Last-Event-ID" : "lastEventId";
        try {
            long position = Long.parseLong(value.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new ServerWebInputException("'" + name + "' must be an event id this stream sent (a non-negative number)",
                parameterNamed(name));
    }

    private static MethodParameter parameterNamed(String name) {
        try {
            return new MethodParameter(AlertStreamController.class.getDeclaredMethod("stream",
                    String.class, AlertType.class, String.class, String.class, Principal.class), name.equals("Last-Event-ID") ? 2 : 3);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** 429 with Retry-After, as problem+json like every error of the API. */
    static final class TooManyStreams extends ResponseStatusException {
        TooManyStreams(String detail) {
            super(HttpStatus.TOO_MANY_REQUESTS, detail);
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_WHEN_FULL.toSeconds()));
            return headers;
        }
    }

    /** Ends a stream whose client does not read: the connection is closed and its buffers freed. */
    static final class SlowSubscriber extends IllegalStateException {
        SlowSubscriber() {
            super("alert stream subscriber too far behind");
        }
    }

    /** The stream's optional filters, as a MongoDB query (looking back) and as a test on live changes. */
    record Filter(String wardId, AlertType type) implements Predicate<Document> {

        Bson query() {
            List<Bson> conditions = new ArrayList<>();
            if (wardId != null) {
                conditions.add(Filters.eq("wardId", wardId));
            }
            if (type != null) {
                conditions.add(Filters.eq("type", type.name()));
            }
            return conditions.isEmpty() ? null : Filters.and(conditions);
        }

        @Override
        public boolean test(Document alert) {
            return (wardId == null || wardId.equals(alert.getString("wardId")))
                    && (type == null || type.name().equals(alert.getString("type")));
        }
    }
}

package org.hospital.surveillance.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Failed logins cost the guesser, not the nurse. Two budgets of failures, each refilling evenly
 * over {@code surveillance.login.failure-window}: one per (user, address), one per address (whatever
 * the user, against spraying one password over many accounts). A request whose (user, address) or
 * address has spent its budget is answered 429 with {@code Retry-After} before its credentials are
 * looked at, even if they are right, so guessing stops. There is deliberately no budget per user
 * alone: the same nurse signing in from another workstation is never locked out by someone
 * guessing her password elsewhere. A successful login gives its (user, address) its budget back.
 *
 * <p>Runs in the security chain before HTTP Basic; the authentication manager reports outcomes to
 * it with the client address this filter puts in the Reactor context. Budgets live in this
 * instance's memory (bounded; a restart forgets them); behind a proxy, enable Spring's forwarded
 * headers so the address is the client's, see docs/security.md.
 */
final class LoginThrottle implements WebFilter {

    static final String FAILURES_METRIC = "surveillance.login.failures";
    static final String THROTTLED_METRIC = "surveillance.login.throttled";
    private static final String ADDRESS = LoginThrottle.class.getName() + ".address";
    private static final String UNKNOWN_ADDRESS = "unknown";

    private final int perUserAndAddress;
    private final int perAddress;
    private final Duration window;
    private final Cache<String, Budget> userAtAddress;
    private final Cache<String, Budget> addresses;
    private final Counter failures;
    private final Counter throttledUserAtAddress;
    private final Counter throttledAddress;

    LoginThrottle(LoginSettings settings, MeterRegistry registry) {
        this.perUserAndAddress = settings.failuresPerUserAndAddress();
        this.perAddress = settings.failuresPerAddress();
        this.window = settings.failureWindow();
        // A budget left alone for a whole window is full again: forgetting it then changes nothing.
        this.userAtAddress = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(settings.trackedAddresses()).build();
        this.addresses = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(settings.trackedAddresses()).build();
        this.failures = Counter.builder(FAILURES_METRIC)
                .description("HTTP Basic logins refused for a wrong user name or password").register(registry);
        this.throttledUserAtAddress = throttled(registry, "user-at-address");
        this.throttledAddress = throttled(registry, "address");
    }

    private static Counter throttled(MeterRegistry registry, String budget) {
        return Counter.builder(THROTTLED_METRIC).tag("budget", budget)
                .description("Requests answered 429 because too many logins failed (per user and address, or per address)")
                .register(registry);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String address = addressOf(exchange);
        Optional<String> user = basicUser(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (user.isPresent()) {
            long now = System.nanoTime();
            Duration wait = waitFor(addresses.getIfPresent(address), now);
            Counter counted = throttledAddress;
            if (wait.isZero()) {
                wait = waitFor(userAtAddress.getIfPresent(key(user.get(), address)), now);
                counted = throttledUserAtAddress;
            }
            if (!wait.isZero()) {
                counted.increment();
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                return ProblemSecurityHandlers.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS,
                        "Too many failed logins; try again in " + seconds + " seconds.");
            }
        }
        return chain.filter(exchange).contextWrite(context -> context.put(ADDRESS, address));
    }

    /** The authentication manager saw a wrong user name or password. */
    void failed(String user, ContextView context) {
        failures.increment();
        String address = context.getOrDefault(ADDRESS, UNKNOWN_ADDRESS);
        long now = System.nanoTime();
        userAtAddress.get(key(user, address), k -> new Budget(perUserAndAddress, window, now)).spend(now);
        addresses.get(address, k -> new Budget(perAddress, window, now)).spend(now);
    }

    /** The authentication manager accepted this user's credentials. */
    void succeeded(String user, ContextView context) {
        userAtAddress.invalidate(key(user, context.getOrDefault(ADDRESS, UNKNOWN_ADDRESS)));
    }

    private static Duration waitFor(Budget budget, long now) {
        return budget == null ? Duration.ZERO : budget.waitFor(now);
    }

    private static String key(String user, String address) {
        return address + '\n' + user;
    }

    private static String addressOf(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? UNKNOWN_ADDRESS : remote.getAddress().getHostAddress();
    }

    /** The user name of an HTTP Basic header; empty when there is none or it is malformed (HTTP Basic answers that). */
    static Optional<String> basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * A token bucket of failures: {@code capacity} to start with, one back every
     * {@code window / capacity}; a login may be tried while at least one is left.
     */
    static final class Budget {
        private final int capacity;
        private final double nanosPerAttempt;
        private double left;
        private long updatedAt;

        Budget(int capacity, Duration window, long now) {
            this.capacity = capacity;
            this.nanosPerAttempt = (double) window.toNanos() / capacity;
            this.left = capacity;
            this.updatedAt = now;
        }

        synchronized void spend(long now) {
            refill(now);
            left = Math.max(0, left - 1);
        }

        /** Zero while a login may be tried, else how long until one may. */
        synchronized Duration waitFor(long now) {
            refill(now);
            return left >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - left) * nanosPerAttempt));
        }

        private void refill(long now) {
            left = Math.min(capacity, left + (now - updatedAt) / nanosPerAttempt);
            updatedAt = now;
        }
    }
}

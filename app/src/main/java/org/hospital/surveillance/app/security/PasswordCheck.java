package org.hospital.surveillance.app.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * HTTP Basic's authentication: Spring Security's check of the configured users (BCrypt or whatever
 * each password's {@code {id}} says), in front of it the {@link CredentialCache}, and every outcome
 * reported to the {@link LoginThrottle}.
 */
final class PasswordCheck implements ReactiveAuthenticationManager {

    static final String CHECKS_METRIC = "surveillance.login.checks";

    private final ReactiveUserDetailsService users;
    private final UserDetailsRepositoryReactiveAuthenticationManager hashing;
    private final CredentialCache cache;
    private final LoginThrottle throttle;
    private final Counter fromCacheCount;
    private final Counter hashedCount;

    PasswordCheck(ReactiveUserDetailsService users, PasswordEncoder encoder, CredentialCache cache, LoginThrottle throttle,
                  MeterRegistry registry) {
        this.users = users;
        this.fromCacheCount = checks(registry, "cache");
        this.hashedCount = checks(registry, "password-encoder");
        this.hashing = new UserDetailsRepositoryReactiveAuthenticationManager(users);
        this.hashing.setPasswordEncoder(encoder);
        this.cache = cache;
        this.throttle = throttle;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication presented) {
        String username = presented.getName();
        String password = presented.getCredentials() == null ? "" : presented.getCredentials().toString();
        // The user as configured now: cheap (a map), and what makes a changed user miss the cache.
        Mono<Authentication> fromCache = users.findByUsername(username)
                .filter(PasswordCheck::usable)
                .filter(user -> cache.isVerified(username, password, user.getPassword()))
                .doOnNext(user -> fromCacheCount.increment())
                .map(user -> (Authentication) UsernamePasswordAuthenticationToken.authenticated(
                        user, user.getPassword(), user.getAuthorities()))
                // Continue on the thread Spring's own check continues on (its publishOn), not the event loop: run
                // on the event loop, requests of a client sending one after another stalled for seconds now and
                // then (LoginThroughputBenchmark), which the same path after the real check never did.
                .publishOn(Schedulers.boundedElastic());
        Mono<Authentication> hashed = Mono.defer(() -> {
                    hashedCount.increment();
                    return hashing.authenticate(presented);
                })
                .doOnNext(accepted -> {
                    if (accepted.getPrincipal() instanceof UserDetails user) {
                        cache.remember(username, password, user.getPassword());
                    }
                });
        return Mono.deferContextual(context -> fromCache.switchIfEmpty(hashed)
                .doOnNext(accepted -> throttle.succeeded(username, context))
                .doOnError(AuthenticationException.class, refused -> throttle.failed(username, context)));
    }

    private static Counter checks(MeterRegistry registry, String by) {
        return Counter.builder(CHECKS_METRIC).tag("by", by)
                .description("HTTP Basic credential checks, answered from the cache of verified credentials or by the password encoder")
                .register(registry);
    }

    private static boolean usable(UserDetails user) {
        return user.isEnabled() && user.isAccountNonLocked() && user.isAccountNonExpired() && user.isCredentialsNonExpired();
    }
}

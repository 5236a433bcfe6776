package org.hospital.surveillance.app.security;

import static org.hospital.surveillance.app.security.Roles.ADMIN;
import static org.hospital.surveillance.app.security.Roles.EPIDEMIOLOGIST;
import static org.hospital.surveillance.app.security.Roles.LAB;
import static org.hospital.surveillance.app.security.Roles.NURSE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.hospital.surveillance.app.config.SurveillanceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * HTTP Basic on every {@code /api/**} path, roles as each operation's {@code x-roles} in the OpenAPI description says. Health and Prometheus stay open:
 * they carry no patient identifiers.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(LoginSettings.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String INITIAL_ADMIN_PASSWORD_FILE = "initial-admin-password";
    private static final Set<String> KNOWN_ROLES = Set.of(LAB, NURSE, EPIDEMIOLOGIST, ADMIN);
    private static final String[] FIGURE_AND_ALERT_READS = {
            "/api/alerts/**", "/api/rates/**", "/api/compliance/**", "/api/sterilization-compliance/**"};
    /** The query parameter that asks for a read model as it was at an instant. */
    static final String AS_OF = "asOf";

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemSecurityHandlers problems,
                                                  MapReactiveUserDetailsService users, PasswordEncoder passwordEncoder,
                                                  LoginSettings login, MeterRegistry registry) {
        LoginThrottle throttle = new LoginThrottle(login, registry);
        PasswordCheck passwords = new PasswordCheck(users, passwordEncoder,
                new CredentialCache(login.cacheTtl(), login.cacheSize()), throttle, registry);
        return http
                // A machine-to-machine API with Basic credentials on every call: no session, no CSRF token.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems).authenticationManager(passwords))
                .addFilterBefore(throttle, SecurityWebFiltersOrder.HTTP_BASIC)
                // Spring's defaults stay (no-store Cache-Control, nosniff, X-Frame-Options DENY); added: CSP, no referrer.
                .headers(headers -> headers.writer(new SecurityHeaders())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        // The API's description is the published contract: no patient data, no secrets (docs/alert-board.md).
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                "/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/lab-results/**").hasAnyRole(LAB, ADMIN)
                        .pathMatchers(HttpMethod.POST, "/api/ward-census/**", "/api/environment-samples/**",
                                "/api/sterilization-loads/**", "/api/case-reports/**", "/api/alerts/**")
                        .hasAnyRole(NURSE, ADMIN)
                        // Who looked into the history is for admins only (docs/security.md).
                        .pathMatchers("/api/audit", "/api/audit/**").hasRole(ADMIN)
                        // Giving a parked fact up (or retrying it) is an administrator's decision,
                        // though epidemiologists may rebuild the projection it belongs to.
                        .pathMatchers("/api/projections/*/dead-letters", "/api/projections/*/dead-letters/**").hasRole(ADMIN)
                        .pathMatchers("/api/events/**", "/api/projections/**", "/api/what-if/**")
                        .hasAnyRole(EPIDEMIOLOGIST, ADMIN)
                        // Looking into the past (asOf) is history, not a ward's read.
                        .matchers(new AndServerWebExchangeMatcher(
                                ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, FIGURE_AND_ALERT_READS),
                                SecurityConfiguration::asksForThePast))
                        .hasAnyRole(EPIDEMIOLOGIST, ADMIN)
                        .pathMatchers(HttpMethod.GET, FIGURE_AND_ALERT_READS)
                        .hasAnyRole(NURSE, EPIDEMIOLOGIST, ADMIN)
                        .pathMatchers(HttpMethod.GET, "/api/board/**")
                        .hasAnyRole(NURSE, EPIDEMIOLOGIST, ADMIN)
                        // Copies the whole history: an administrator's job (docs/operations.md, "Backup and restore").
                        .pathMatchers("/api/backups/**").hasRole(ADMIN)
                        // Anything else under /api (documentation, future reads) needs at least a login.
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().authenticated())
                .build();
    }

    /**
     * No Micrometer observation of each security filter, authentication and authorization: with a
     * remembered credential they cost more CPU per request than the credential check itself (issue 12,
     * "observations of every request and security filter"), and nothing reads them. The request as a
     * whole stays timed ({@code http_server_requests_seconds}), and logins have their own counters
     * ({@code surveillance_login_*}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Present at all, even empty or malformed: whoever may not look into the past gets a 403, not a 400. */
    private static Mono<MatchResult> asksForThePast(ServerWebExchange exchange) {
        return exchange.getRequest().getQueryParams().containsKey(AS_OF) ? MatchResult.match() : MatchResult.notMatch();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    MapReactiveUserDetailsService userDetailsService(SurveillanceProperties properties) {
        List<SurveillanceProperties.User> configured = properties.users();
        if (configured.isEmpty()) {
            return new MapReactiveUserDetailsService(initialAdmin(properties.dataDir()));
        }
        return new MapReactiveUserDetailsService(configured.stream().map(SecurityConfiguration::toUser).toList());
    }

    private static UserDetails toUser(SurveillanceProperties.User user) {
        if (!user.password().startsWith("{")) {
            // Without a {id} prefix Spring Security cannot tell how the password is encoded: fail now, not at login.
            throw new IllegalArgumentException("The password of user '" + user.name()
                    + "' needs an encoding prefix such as {bcrypt} or {noop}");
        }
        for (String role : user.roles()) {
            if (!KNOWN_ROLES.contains(role)) {
                throw new IllegalArgumentException("User '" + user.name() + "' has unknown role '" + role
                        + "'; roles are " + KNOWN_ROLES);
            }
        }
        return User.withUsername(user.name()).password(user.password())
                .roles(user.roles().toArray(String[]::new)).build();
    }

    /**
     * No users configured: one ADMIN {@code admin} with a random password, printed once and kept
     * in {@code <data-dir>/initial-admin-password} (readable by the owner only), so a fresh
     * installation is never open and never shares a default password.
     */
    private static UserDetails initialAdmin(Path dataDir) {
        Path file = dataDir.resolve(INITIAL_ADMIN_PASSWORD_FILE);
        try {
            String password;
            if (Files.exists(file)) {
                password = Files.readString(file, StandardCharsets.UTF_8).trim();
            } else {
                byte[] random = new byte[18];
                new SecureRandom().nextBytes(random);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                Files.createDirectories(dataDir);
                Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8);
                restrictToOwner(file);
                log.warn("No users configured. Created ADMIN user 'admin' with password: {}", password);
            }
            log.warn("No users configured: ADMIN user 'admin', password in {}", file.toAbsolutePath());
            return User.withUsername("admin").password("{noop}" + password).roles(ADMIN).build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the initial admin password in " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the data directory's ACL.
        }
    }
}

package org.hospital.surveillance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.SharedPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * Over real HTTP against the running platform: what is open, that every API path needs a login,
 * the initial admin, and the headers every answer carries. Which role may call which operation is
 * {@link OperationAccessTest}.
 */
@ExtendWith(SharedPlatform.class)
class AccessControlTest {

    static Platform platform;

    @BeforeAll
    static void start(SharedPlatform shared) {
        platform = shared.get();
    }

    @Test
    void healthAndPrometheusAreOpenWithoutCredentials() {
        platform.anonymous().get().uri("/actuator/health").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        platform.anonymous().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void everyApiPathNeedsAuthenticationAndSaysSoAsAProblem() {
        for (String path : new String[] {"/api/events", "/api/alerts", "/api/rates?month=2026-03", "/api/anything"}) {
            platform.anonymous().get().uri(path).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueMatches("WWW-Authenticate", "Basic .*");
        }
        platform.anonymous().post().uri("/api/lab-results").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        platform.anonymous().get().uri("/api/events").headers(h -> h.setBasicAuth("epi1", "not-the-password"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theBoardAndItsFilesLoadOnlyThemselvesAndCannotBeFramed() {
        for (String path : new String[] {"/", "/board.js", "/board.css"}) {
            platform.as("nurse1").get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("Content-Security-Policy", SecurityHeaders.STRICT)
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer");
        }
        assertThat(SecurityHeaders.STRICT).contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void apiAnswersAreNeverCachedAndCarryTheSameHeadersEvenWhenRefused() {
        platform.as("nurse1").get().uri("/api/alerts").exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("Cache-Control", ".*no-store.*")
                .expectHeader().valueEquals("Content-Security-Policy", SecurityHeaders.STRICT)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer");
        platform.anonymous().get().uri("/api/alerts").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches("Cache-Control", ".*no-store.*")
                .expectHeader().valueEquals("Content-Security-Policy", SecurityHeaders.STRICT);
        platform.as("lab1").get().uri("/api/alerts").exchange()
                .expectStatus().isForbidden()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void swaggerUiMayStyleItselfInlineButLoadsNothingForeignAndCannotBeFramed() {
        platform.anonymous().get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", SecurityHeaders.SWAGGER_UI)
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
        assertThat(SecurityHeaders.SWAGGER_UI).contains("default-src 'self'", "script-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-eval", "*");
    }

    @Test
    void withNoUsersConfiguredAnInitialAdminWithARandomPasswordIsCreatedOnceAndKept(@TempDir Path freshDir)
            throws Exception {
        String password;
        try (Platform first = Platform.start(freshDir, "surveillance.users=")) {
            Path file = freshDir.resolve("initial-admin-password");
            assertThat(file).exists();
            password = Files.readString(file).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            first.anonymous().get().uri("/api/events").headers(h -> h.setBasicAuth("admin", password))
                    .exchange().expectStatus().isOk();
            first.as("nurse1").get().uri("/api/events").exchange().expectStatus().isUnauthorized();
        }
        try (Platform second = Platform.start(freshDir, "surveillance.users=")) {
            assertThat(Files.readString(freshDir.resolve("initial-admin-password")).trim()).isEqualTo(password);
            second.anonymous().get().uri("/api/events").headers(h -> h.setBasicAuth("admin", password))
                    .exchange().expectStatus().isOk();
        }
    }
}

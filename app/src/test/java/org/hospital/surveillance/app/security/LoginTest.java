package org.hospital.surveillance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * HTTP Basic logins over real HTTP: a BCrypt user is hashed once and then answered from the cache
 * of verified credentials, a wrong password never is; failed logins are throttled per (user,
 * address) and per address, each test from its own loopback source address (127.0.0.x).
 */
@Timeout(120)
class LoginTest {

    /** A workstation's account stored the way production stores it. */
    private static final String WARD_PC = "ward-pc";
    private static final String WARD_PC_PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dataDir;
    static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(dataDir,
                "surveillance.users[4].name=" + WARD_PC,
                "surveillance.users[4].password={bcrypt}" + new BCryptPasswordEncoder(4).encode(WARD_PC_PASSWORD),
                "surveillance.users[4].roles=NURSE",
                "surveillance.login.failures-per-user-and-address=3",
                "surveillance.login.failures-per-address=5",
                "surveillance.login.failure-window=1h");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aVerifiedPasswordIsHashedOnceAndAWrongOneIsNeverTakenFromTheCache() {
        WebTestClient client = from("127.0.0.20");
        double hashed = checks("password-encoder");
        double cached = checks("cache");
        for (int i = 0; i < 3; i++) {
            get(client, WARD_PC, WARD_PC_PASSWORD).expectStatus().isOk();
        }
        assertThat(checks("password-encoder") - hashed).isEqualTo(1);
        assertThat(checks("cache") - cached).isEqualTo(2);

        get(client, WARD_PC, WARD_PC_PASSWORD + "!").expectStatus().isUnauthorized();
        get(client, WARD_PC, "").expectStatus().isUnauthorized();
        assertThat(checks("password-encoder") - hashed).as("each wrong password goes to BCrypt").isEqualTo(3);
        assertThat(checks("cache") - cached).isEqualTo(2);

        get(client, WARD_PC, WARD_PC_PASSWORD).expectStatus().isOk();
        assertThat(checks("cache") - cached).as("the right one is still remembered").isEqualTo(3);
    }

    @Test
    void failedLoginsOfOneUserFromOneAddressAreThrottledWithoutLockingHerOutElsewhere() {
        WebTestClient guesser = from("127.0.0.2");
        double throttled = throttled("user-at-address");
        for (int i = 0; i < 3; i++) {
            get(guesser, "nurse1", "guess" + i).expectStatus().isUnauthorized();
        }
        // The budget of 3 is spent: even the right password is not looked at from there.
        EntityExchangeResult<String> refused = get(guesser, "nurse1", Platform.PASSWORD)
                .expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult();
        // One attempt back every hour / 3 = 1200 s, less the moments the test took.
        assertThat(retryAfter(refused)).isBetween(1150L, 1200L);
        assertThat(refused.getResponseBody()).contains("\"status\":429").doesNotContain("nurse1");
        assertThat(throttled("user-at-address") - throttled).isEqualTo(1);

        get(from("127.0.0.3"), "nurse1", Platform.PASSWORD).expectStatus().isOk();
        // Another user at the guesser's address still has the address's remaining budget (5 - 3 = 2).
        get(guesser, "epi1", Platform.PASSWORD).expectStatus().isOk();
    }

    @Test
    void anAddressSprayingPasswordsOverManyUsersIsThrottledAsAWhole() {
        WebTestClient sprayer = from("127.0.0.4");
        double throttled = throttled("address");
        String[] users = {"nurse1", "epi1", "lab1", "admin", "nobody"};
        for (String user : users) {
            get(sprayer, user, "Winter2026!").expectStatus().isUnauthorized();
        }
        EntityExchangeResult<String> refused = get(sprayer, "admin", Platform.PASSWORD)
                .expectStatus().isEqualTo(429).expectBody(String.class).returnResult();
        // The address's budget of 5 gets one attempt back every hour / 5 = 720 s.
        assertThat(retryAfter(refused)).isBetween(670L, 720L);
        assertThat(throttled("address") - throttled).isEqualTo(1);
        get(from("127.0.0.5"), "admin", Platform.PASSWORD).expectStatus().isOk();
    }

    @Test
    void aSuccessfulLoginGivesItsUserAndAddressTheirBudgetBack() {
        WebTestClient workstation = from("127.0.0.6");
        get(workstation, "nurse1", "typo1").expectStatus().isUnauthorized();
        get(workstation, "nurse1", "typo2").expectStatus().isUnauthorized();
        get(workstation, "nurse1", Platform.PASSWORD).expectStatus().isOk();
        // Had the two typos still counted, the second of these would be the fourth failure and a 429's predecessor.
        get(workstation, "nurse1", "typo3").expectStatus().isUnauthorized();
        get(workstation, "nurse1", "typo4").expectStatus().isUnauthorized();
        get(workstation, "nurse1", Platform.PASSWORD).expectStatus().isOk();
    }

    @Test
    void theLoginMetricsCarryNoUserName() {
        get(from("127.0.0.7"), "nurse1", "wrong").expectStatus().isUnauthorized();
        String scrape = platform.anonymous().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("surveillance_login_failures_total", "surveillance_login_throttled_total",
                "surveillance_login_checks_total");
        scrape.lines().filter(line -> line.startsWith("surveillance_login"))
                .forEach(line -> assertThat(line).doesNotContain("nurse1", WARD_PC, "127.0.0"));
    }

    private static WebTestClient.ResponseSpec get(WebTestClient client, String user, String password) {
        return client.get().uri("/api/alerts").headers(h -> h.setBasicAuth(user, password)).exchange();
    }

    private static long retryAfter(EntityExchangeResult<?> result) {
        return Long.parseLong(result.getResponseHeaders().getFirst("Retry-After"));
    }

    /** A client whose connections come from the given loopback address. */
    private static WebTestClient from(String address) {
        HttpClient http = HttpClient.create(ConnectionProvider.newConnection())
                .bindAddress(() -> new InetSocketAddress(address, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http)).baseUrl(platform.baseUrl())
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static double checks(String by) {
        return platform.bean(MeterRegistry.class).get(PasswordCheck.CHECKS_METRIC).tag("by", by).counter().count();
    }

    private static double throttled(String budget) {
        return platform.bean(MeterRegistry.class).get(LoginThrottle.THROTTLED_METRIC).tag("budget", budget).counter().count();
    }
}

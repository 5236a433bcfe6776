package org.hospital.surveillance.command.alert;

import org.hospital.surveillance.command.intake.IntakeWorkersForTests;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.events.alert.AlertAcknowledged;
import org.hospital.surveillance.events.alert.AlertClosed;
import org.hospital.surveillance.events.alert.CloseOutcome;
import org.hospital.surveillance.events.environment.SampleType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.hospital.surveillance.command.intake.CommandDispatch;
import org.hospital.surveillance.command.intake.RequestBodyDecoder;
import org.hospital.surveillance.command.intake.SubmissionReading;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The endpoints over a real Axon command bus and event-sourced Alert (in-memory event storage);
 * the principal comes from Spring Security's reactive context as the app's filter chain sets it.
 */
class AlertActionControllerTest {

    private static final String ALERT_ID = "ENV-E-1";
    private static final Instant NOW = Instant.parse("2026-03-04T08:30:00Z");

    private Configuration axon;
    private WebTestClient client;
    private final List<String> dispatchThreads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Alert.class)
                .buildConfiguration();
        axon.start();
        CommandGateway gateway = axon.commandGateway();
        gateway.sendAndWait(new RaiseEnvironmentAlert(ALERT_ID, "ICU-1", "E-1", SampleType.AIR, 6.0, 4.0,
                Instant.parse("2026-03-03T09:00:00Z")));
        gateway.registerDispatchInterceptor(messages -> {
            dispatchThreads.add(Thread.currentThread().getName());
            return (i, m) -> m;
        });
        AlertActionController controller = new AlertActionController(
                new CommandDispatch(gateway, Clock.fixed(NOW, ZoneOffset.UTC), IntakeWorkersForTests.FEW));
        UsernamePasswordAuthenticationToken nurse = UsernamePasswordAuthenticationToken.authenticated(
                "nurse1", null, AuthorityUtils.createAuthorityList("ROLE_NURSE"));
        client = WebTestClient.bindToController(controller)
                .httpMessageCodecs(codecs -> codecs.defaultCodecs().jackson2JsonDecoder(
                        new RequestBodyDecoder(SubmissionReading.atNoon().reader(), 1024 * 1024)))
                .webFilter((exchange, chain) -> chain.filter(exchange)
                        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(nurse)))
                .build();
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    @Test
    void acknowledgingRecordsWhoDidItThroughWhichChannelAndWhen() {
        post("/acknowledge", "{\"note\":\"resampling tomorrow\"}")
                .expectStatus().isOk()
                .expectBody().json("{\"alertId\":\"ENV-E-1\",\"status\":\"ACKNOWLEDGED\"}", true);

        List<DomainEventMessage<?>> events = events();
        assertThat(events).hasSize(2);
        assertThat(events.get(1).getPayload()).isEqualTo(new AlertAcknowledged(ALERT_ID, "resampling tomorrow"));
        assertThat(events.get(1).getMetaData())
                .containsEntry("principal", "nurse1")
                .containsEntry("channel", "HTTP")
                .containsEntry("receivedAt", "2026-03-04T08:30:00Z");
        assertThat(dispatchThreads).singleElement().asString().startsWith("intake-");
    }

    @Test
    void acknowledgingTwiceAppendsOnceAndAnswersTheSame() {
        post("/acknowledge", "{}").expectStatus().isOk();
        post("/acknowledge", "{\"note\":\"again\"}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACKNOWLEDGED");
        assertThat(events()).hasSize(2);
    }

    @Test
    void aNoteIsOptionalAndSoIsTheBodyWhenAcknowledging() {
        client.post().uri("/api/alerts/{id}/acknowledge", ALERT_ID).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACKNOWLEDGED");
        assertThat(events().get(1).getPayload()).isEqualTo(new AlertAcknowledged(ALERT_ID, null));
    }

    @Test
    void closingAnOpenAlert() {
        post("/close", "{\"outcome\":\"FALSE_ALARM\",\"note\":\"plate contaminated in transport\"}")
                .expectStatus().isOk()
                .expectBody().json("{\"alertId\":\"ENV-E-1\",\"status\":\"CLOSED\"}", true);
        assertThat(events().get(1).getPayload())
                .isEqualTo(new AlertClosed(ALERT_ID, CloseOutcome.FALSE_ALARM, "plate contaminated in transport"));
        assertThat(events().get(1).getMetaData()).containsEntry("principal", "nurse1");
    }

    @Test
    void closingAgainWithTheSameOutcomeIsFineButAnotherOutcomeIsAConflict() {
        post("/close", "{\"outcome\":\"CONFIRMED_OUTBREAK\"}").expectStatus().isOk();
        post("/close", "{\"outcome\":\"CONFIRMED_OUTBREAK\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED");
        post("/close", "{\"outcome\":\"FALSE_ALARM\"}").expectStatus().isEqualTo(409);
        post("/acknowledge", "{}").expectStatus().isEqualTo(409);
        assertThat(events()).hasSize(2);
    }

    @Test
    void anUnknownAlertIsNotFound() {
        client.post().uri("/api/alerts/{id}/acknowledge", "ENV-nope").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange()
                .expectStatus().isNotFound();
        client.post().uri("/api/alerts/{id}/close", "ENV-nope").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"outcome\":\"FALSE_ALARM\"}").exchange()
                .expectStatus().isNotFound();
        assertThat(axon.eventStore().readEvents(AlertIds.aggregateId("ENV-nope")).asStream()).isEmpty();
    }

    @Test
    void aMissingOrUnknownOutcomeIsRejectedAndNothingIsAppended() {
        post("/close", "{\"note\":\"no outcome\"}").expectStatus().isBadRequest();
        post("/close", "{\"outcome\":\"MAYBE\"}").expectStatus().isBadRequest();
        post("/close", "{\"outcome\":\"false_alarm\"}").expectStatus().isBadRequest();
        post("/close", "").expectStatus().isBadRequest();
        assertThat(events()).hasSize(1);
    }

    @Test
    void anUnknownFieldIsRejectedAndNothingIsAppended() {
        post("/acknowledge", "{\"note\":\"checked\",\"notes\":\"misspelt\"}").expectStatus().isBadRequest();
        post("/close", "{\"outcome\":\"FALSE_ALARM\",\"reason\":\"not a field\"}").expectStatus().isBadRequest();
        assertThat(events()).hasSize(1);
    }

    @Test
    void anOverlongNoteIsRejected() {
        String note = "x".repeat(AlertActionRequests.NOTE_MAX_LENGTH + 1);
        post("/acknowledge", "{\"note\":\"" + note + "\"}").expectStatus().isBadRequest();
        assertThat(events()).hasSize(1);
    }

    private WebTestClient.ResponseSpec post(String action, String json) {
        return client.post().uri("/api/alerts/{id}" + action, ALERT_ID)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    private List<DomainEventMessage<?>> events() {
        return axon.eventStore().readEvents(AlertIds.aggregateId(ALERT_ID)).asStream()
                .<DomainEventMessage<?>>map(e -> e).toList();
    }
}

package org.hospital.surveillance.command;

import org.hospital.surveillance.command.intake.IntakeWorkersForTests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.hospital.surveillance.command.intake.CommandDispatch;
import org.hospital.surveillance.command.labresult.RecordLabResult;
import org.hospital.surveillance.command.labresult.LabResultAggregate;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The write path against real Axon and a real JDBC event store (H2, the table layout the app
 * uses): metadata reaches the events, and two first submissions racing on one key end as one
 * RECORDED and one DUPLICATE with one event, not as an error.
 */
class WriteSideAxonTest {
    private static final Instant RECEIVED = Instant.parse("2026-03-10T12:00:00Z");
    private static final LabResult MRSA = labResult("MRSA");

    private JdbcEventStorageEngine storage;
    private final List<Configuration> nodes = new ArrayList<>();

    @BeforeEach
    void createStore() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
        storage = JdbcEventStorageEngine.builder()
                .connectionProvider(h2::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(new SQLStateResolver())
                .build();
        storage.createSchema(PostgresEventTableFactory.INSTANCE);
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(Configuration::shutdown);
    }

    @Test
    void eventsCarryWhoSubmittedTheFactThroughWhichChannelAndWhen() {
        CommandDispatch dispatch = dispatchOn(node());

        assertThat(asLab(dispatch.<WriteOutcome>send(new RecordLabResult(MRSA))).block()).isEqualTo(WriteOutcome.RECORDED);

        DomainEventMessage<?> event = eventsOf("lab-result:L-001").get(0);
        assertThat(event.getPayload()).isEqualTo(new LabResultRecorded(MRSA));
        assertThat(event.getMetaData()).containsEntry("principal", "lab1").containsEntry("channel", "HTTP")
                .containsEntry("receivedAt", "2026-03-10T12:00:00Z");
    }

    @Test
    void twoFirstSubmissionsRacingOnTwoNodesEndAsRecordedAndDuplicate() {
        AtomicInteger handled = new AtomicInteger();
        CyclicBarrier bothDecided = new CyclicBarrier(2);
        CommandDispatch first = dispatchOn(racingNode(handled, bothDecided));
        CommandDispatch second = dispatchOn(racingNode(handled, bothDecided));

        List<WriteOutcome> outcomes = Flux.merge(asLab(first.<WriteOutcome>send(new RecordLabResult(MRSA))),
                asLab(second.<WriteOutcome>send(new RecordLabResult(MRSA)))).collectList().block(Duration.ofSeconds(30));

        assertThat(outcomes).containsExactlyInAnyOrder(WriteOutcome.RECORDED, WriteOutcome.DUPLICATE);
        assertThat(eventsOf("lab-result:L-001")).hasSize(1);
        assertThat(handled).as("both appends collided and the loser was handled once more").hasValue(3);
    }

    @Test
    void aRacingChangedSubmissionBecomesAnAmendmentAfterTheRetry() {
        AtomicInteger handled = new AtomicInteger();
        CyclicBarrier bothDecided = new CyclicBarrier(2);
        CommandDispatch first = dispatchOn(racingNode(handled, bothDecided));
        CommandDispatch second = dispatchOn(racingNode(handled, bothDecided));
        LabResult vre = labResult("VRE");

        List<WriteOutcome> outcomes = Flux.merge(asLab(first.<WriteOutcome>send(new RecordLabResult(MRSA))),
                asLab(second.<WriteOutcome>send(new RecordLabResult(vre)))).collectList().block(Duration.ofSeconds(30));

        assertThat(outcomes).containsExactlyInAnyOrder(WriteOutcome.RECORDED, WriteOutcome.AMENDED);
        List<DomainEventMessage<?>> events = eventsOf("lab-result:L-001");
        assertThat(events).hasSize(2);
        assertThat(events.get(1).getPayloadType()).isEqualTo(LabResultAmended.class);
    }

    @Test
    void manyIdenticalFirstSubmissionsOnOneNodeAppendOneEvent() {
        CommandDispatch dispatch = dispatchOn(node());

        List<WriteOutcome> outcomes = Flux.range(0, 8)
                .flatMap(i -> asLab(dispatch.<WriteOutcome>send(new RecordLabResult(MRSA))))
                .collectList().block(Duration.ofSeconds(30));

        assertThat(outcomes).filteredOn(WriteOutcome.RECORDED::equals).hasSize(1);
        assertThat(outcomes).filteredOn(WriteOutcome.DUPLICATE::equals).hasSize(7);
        assertThat(eventsOf("lab-result:L-001")).hasSize(1);
    }

    private Configuration node() {
        Configuration node = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(LabResultAggregate.class)
                .configureCorrelationDataProviders(c -> List.of(new WriteSideConfiguration().submissionMetadataProvider()))
                .buildConfiguration();
        node.start();
        nodes.add(node);
        return node;
    }

    /**
     * A node whose first two commands (one per node) wait for each other after deciding and
     * before their events are appended, so both try to append sequence 0 of the same stream.
     */
    private Configuration racingNode(AtomicInteger handled, CyclicBarrier bothDecided) {
        Configuration node = node();
        node.commandBus().registerHandlerInterceptor((unitOfWork, chain) -> {
            if (handled.incrementAndGet() <= 2) {
                unitOfWork.onPrepareCommit(u -> {
                    try {
                        bothDecided.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the other submission never arrived", e);
                    }
                });
            }
            return chain.proceed();
        });
        return node;
    }

    private static CommandDispatch dispatchOn(Configuration node) {
        return new CommandDispatch(node.commandGateway(), Clock.fixed(RECEIVED, ZoneOffset.UTC), IntakeWorkersForTests.FEW);
    }

    private List<DomainEventMessage<?>> eventsOf(String aggregateId) {
        return storage.readEvents(aggregateId).asStream().<DomainEventMessage<?>>map(e -> e).toList();
    }

    private static <T> Mono<T> asLab(Mono<T> call) {
        return call.contextWrite(ReactiveSecurityContextHolder.withAuthentication(UsernamePasswordAuthenticationToken
                .authenticated("lab1", null, AuthorityUtils.createAuthorityList("ROLE_LAB"))));
    }

    private static LabResult labResult(String phenotype) {
        return new LabResult("L-001", "P-101", "ICU-1", Instant.parse("2026-03-01T08:00:00Z"), SpecimenType.BLOOD,
                Instant.parse("2026-03-05T10:00:00Z"), CultureResult.POSITIVE, "Staphylococcus aureus", phenotype, List.of());
    }
}

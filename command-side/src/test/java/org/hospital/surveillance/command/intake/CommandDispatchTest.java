package org.hospital.surveillance.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.hospital.surveillance.command.WriteOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** The dispatch rules in isolation, against a scripted gateway; WriteSideAxonTest runs them against real Axon. */
class CommandDispatchTest {
    private static final Instant RECEIVED = Instant.parse("2026-03-10T12:00:00Z");

    private final ScriptedGateway gateway = new ScriptedGateway();
    private final CommandDispatch dispatch = new CommandDispatch(gateway, Clock.fixed(RECEIVED, ZoneOffset.UTC), IntakeWorkersForTests.FEW);

    @Test
    void theCommandCarriesWhoSentItHowAndWhen() {
        gateway.answers.add(() -> WriteOutcome.RECORDED);

        assertThat(asNurse(dispatch.send("command")).block()).isEqualTo(WriteOutcome.RECORDED);

        CommandMessage<?> sent = gateway.sent.get(0);
        assertThat(sent.getPayload()).isEqualTo("command");
        assertThat(sent.getMetaData()).containsEntry("principal", "nurse1").containsEntry("channel", "HTTP")
                .containsEntry("receivedAt", "2026-03-10T12:00:00Z");
    }

    @Test
    void theBlockingSendRunsOnTheIntakeWorkersNotOnTheCallersThread() {
        gateway.answers.add(() -> WriteOutcome.RECORDED);

        asNurse(dispatch.send("command")).block();

        assertThat(gateway.threads).singleElement().asString().startsWith("intake-");
    }

    @Test
    void aClientHangingUpMidSendNeitherInterruptsNorStopsTheAppend() throws InterruptedException {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch appended = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        gateway.answers.add(() -> {
            sending.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // An interrupt here would have landed in the middle of the event store's write.
                interrupted.set(true);
            }
            interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
            appended.countDown();
            return WriteOutcome.RECORDED;
        });

        Disposable request = asNurse(dispatch.<WriteOutcome>send("command")).subscribe();
        assertThat(sending.await(10, TimeUnit.SECONDS)).as("the send started").isTrue();
        request.dispose();
        release.countDown();

        assertThat(appended.await(10, TimeUnit.SECONDS)).as("the append went on to its end").isTrue();
        assertThat(interrupted).as("the appending thread was interrupted").isFalse();
    }

    @Test
    void losingTheRaceToCreateTheStreamIsRetriedOnceAndBecomesADuplicate() {
        gateway.answers.add(() -> {
            throw new AggregateStreamCreationException("duplicate key");
        });
        gateway.answers.add(() -> WriteOutcome.DUPLICATE);

        assertThat(asNurse(dispatch.send("command")).block()).isEqualTo(WriteOutcome.DUPLICATE);
        assertThat(gateway.sent).hasSize(2);
        assertThat(gateway.sent.get(1).getMetaData()).isEqualTo(gateway.sent.get(0).getMetaData());
    }

    @Test
    void aConcurrencyConflictWrappedByAxonIsRetriedToo() {
        gateway.answers.add(() -> {
            throw new CommandExecutionException("failed", new ConcurrencyException("sequence 3 taken"));
        });
        gateway.answers.add(() -> WriteOutcome.AMENDED);

        assertThat(asNurse(dispatch.send("command")).block()).isEqualTo(WriteOutcome.AMENDED);
    }

    @Test
    void aSecondConflictIsReportedAsItselfNotRetriedAgain() {
        for (int i = 0; i < 3; i++) {
            gateway.answers.add(() -> {
                throw new ConcurrencyException("sequence 0 taken");
            });
        }

        assertThatThrownBy(() -> asNurse(dispatch.send("command")).block()).isInstanceOf(ConcurrencyException.class);
        assertThat(gateway.sent).hasSize(2);
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        gateway.answers.add(() -> {
            throw new IllegalStateException("rejected by the aggregate");
        });
        gateway.answers.add(() -> WriteOutcome.RECORDED);

        assertThatThrownBy(() -> asNurse(dispatch.send("command")).block()).isInstanceOf(IllegalStateException.class);
        assertThat(gateway.sent).hasSize(1);
    }

    @Test
    void withoutAnAuthenticatedUserNothingIsSent() {
        gateway.answers.add(() -> WriteOutcome.RECORDED);

        assertThatThrownBy(() -> dispatch.send("command").block()).isInstanceOf(AccessDeniedException.class);
        assertThat(gateway.sent).isEmpty();
    }

    static <T> Mono<T> asNurse(Mono<T> call) {
        return call.contextWrite(ReactiveSecurityContextHolder.withAuthentication(UsernamePasswordAuthenticationToken
                .authenticated("nurse1", null, AuthorityUtils.createAuthorityList("ROLE_NURSE"))));
    }

    /** A gateway that answers from a script and remembers what it was sent, and on which thread. */
    static final class ScriptedGateway implements CommandGateway {
        final Deque<Supplier<Object>> answers = new ConcurrentLinkedDeque<>();
        final List<CommandMessage<?>> sent = new ArrayList<>();
        final List<String> threads = new ArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public synchronized <R> R sendAndWait(Object command) {
            sent.add((CommandMessage<?>) command);
            threads.add(Thread.currentThread().getName());
            return (R) answers.removeFirst().get();
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <R> java.util.concurrent.CompletableFuture<R> send(Object command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
            throw new UnsupportedOperationException();
        }
    }
}

package org.hospital.surveillance.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

class IntakeWorkersTest {

    /** One worker and one place in the queue: the third fact at once is refused. */
    private final IntakeWorkers workers = new IntakeWorkers(new IntakeSettings(1, 1, Duration.ofSeconds(3)));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeWorkers() throws InterruptedException {
        release.countDown();
        workers.close();
    }

    @Test
    void aFactBeyondTheBusyWorkersAndTheFullQueueIsRefusedAtOnceAndNeverRun() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger recorded = new AtomicInteger();
        var first = workers.call(() -> {
            started.countDown();
            release.await();
            return recorded.incrementAndGet();
        }).toFuture();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        var second = workers.call(recorded::incrementAndGet).toFuture();
        assertThat(workers.busy()).isEqualTo(1);
        assertThat(workers.waiting()).isEqualTo(1);

        List<Throwable> reportedAsUncaught = new CopyOnWriteArrayList<>();
        Schedulers.onHandleError("intake-workers-test", (thread, error) -> reportedAsUncaught.add(error));
        try {
            assertThatThrownBy(() -> workers.call(() -> recorded.addAndGet(100)).block(Duration.ofSeconds(10)))
                    .isInstanceOf(IntakeBusy.class)
                    .extracting(refused -> ((IntakeBusy) refused).retryAfter()).isEqualTo(Duration.ofSeconds(3));
        } finally {
            Schedulers.resetOnHandleError("intake-workers-test");
        }
        // A refusal is an answer, not an error of the platform: nothing reported as uncaught (and logged).
        assertThat(reportedAsUncaught).isEmpty();

        release.countDown();
        assertThat(first.join()).isEqualTo(1);
        assertThat(second.join()).isEqualTo(2);
        // The refused one never ran: nothing was recorded for it.
        assertThat(recorded.get()).isEqualTo(2);
        assertThat(workers.waiting()).isZero();
    }

    @Test
    void aClientThatHangsUpDoesNotInterruptTheWorkerRecordingItsFact() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Disposable client = workers.call(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
            finished.countDown();
            return "recorded";
        }).subscribe();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        client.dispose();
        release.countDown();

        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isFalse();
    }

    @Test
    void withNoQueueOnlyTheWorkersTakeFacts() throws InterruptedException {
        try (IntakeWorkers noQueue = new IntakeWorkers(new IntakeSettings(1, 0, Duration.ofSeconds(1)))) {
            CountDownLatch started = new CountDownLatch(1);
            var first = noQueue.call(() -> {
                started.countDown();
                release.await();
                return "first";
            }).toFuture();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> noQueue.call(() -> "second").block(Duration.ofSeconds(10))).isInstanceOf(IntakeBusy.class);

            release.countDown();
            assertThat(first.join()).isEqualTo("first");
        }
    }
}

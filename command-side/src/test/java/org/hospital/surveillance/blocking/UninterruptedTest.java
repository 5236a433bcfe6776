package org.hospital.surveillance.blocking;

import org.hospital.surveillance.command.intake.IntakeWorkersForTests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A client hanging up in the middle of blocking work on a real embedded H2 file, as a cancelled
 * subscription: with {@link Uninterrupted} the worker is never interrupted and the store goes on
 * accepting writes; a stream stops at the next row. The same hang-up on
 * {@code subscribeOn(Schedulers.boundedElastic())} interrupts the worker and closes the store, which
 * shows that these tests see the hazard they guard against.
 */
@Timeout(60)
class UninterruptedTest {
    private static final int ROWS = 200;
    private static final int PAGE = 10;

    @TempDir
    Path dir;
    private String url;
    /** Keeps the database open, as the application's connection pool does. */
    private Connection pool;

    private final CountDownLatch working = new CountDownLatch(1);
    private final CountDownLatch hungUp = new CountDownLatch(1);
    private final CountDownLatch workDone = new CountDownLatch(1);
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicReference<Throwable> storeFailure = new AtomicReference<>();

    @BeforeEach
    void storeWithFactsNotYetInItsCache() throws SQLException {
        // As the embedded event store is opened: every commit written to the file before it returns.
        url = "jdbc:h2:file:" + dir.resolve("events") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;COMPRESS=TRUE";
        try (Connection setUp = DriverManager.getConnection(url, "sa", "")) {
            // Rows of 8 KB of random bytes: a page of them spans leaf pages of its own, read from the file.
            setUp.createStatement().execute("CREATE TABLE fact(id BIGINT PRIMARY KEY, payload VARBINARY(8192))");
            setUp.createStatement().execute("INSERT INTO fact SELECT X, SECURE_RAND(8192) FROM SYSTEM_RANGE(1, " + ROWS + ")");
        }
        // Closed with its last connection and opened again: nothing of the table is cached.
        pool = DriverManager.getConnection(url, "sa", "");
    }

    @AfterEach
    void close() {
        try {
            pool.close();
        } catch (SQLException storeClosedByAnInterrupt) {
            // What the boundedElastic tests left: a store that fails its own close too.
        }
    }

    @Test
    void aWriteWhoseClientHangsUpIsNotInterruptedAndTheStoreGoesOnAcceptingWrites() throws Exception {
        hangUpDuring(Uninterrupted.call(this::factAppendedAfterTheHangUp));

        assertThat(interrupted).as("the writing thread was interrupted").isFalse();
        assertThat(storeFailure.get()).as("the write the client hung up on").isNull();
        assertThat(count("SELECT COUNT(*) FROM fact WHERE id = 1000")).as("the fact the client hung up on").isEqualTo(1);
        appendAnotherFact();
    }

    @Test
    void onTheIntakeWorkersAWriteWhoseClientHangsUpIsNotInterruptedEither() throws Exception {
        hangUpDuring(IntakeWorkersForTests.FEW.call(this::factAppendedAfterTheHangUp));

        assertThat(interrupted).as("the writing thread was interrupted").isFalse();
        assertThat(storeFailure.get()).as("the write the client hung up on").isNull();
        assertThat(count("SELECT COUNT(*) FROM fact WHERE id = 1000")).as("the fact the client hung up on").isEqualTo(1);
        appendAnotherFact();
    }

    @Test
    void onBoundedElasticTheSameHangUpInterruptsTheWriteAndClosesTheStore() throws Exception {
        hangUpDuring(Mono.fromCallable(this::factAppendedAfterTheHangUp).subscribeOn(Schedulers.boundedElastic()));

        assertThat(interrupted).as("the writing thread was interrupted").isTrue();
        assertThat(storeFailure.get()).as("the write the client hung up on").isNotNull();
        assertThat(storeRefusesWrites()).as("the store refuses writes until a restart").isTrue();
    }

    @Test
    void aReadWhoseClientHangsUpStopsAtTheNextRowUninterruptedAndTheStoreGoesOnAcceptingWrites() throws Exception {
        AtomicInteger pagesRead = new AtomicInteger();

        hangUpMidRead(Uninterrupted::stream, pagesRead);

        assertThat(interrupted).as("the reading thread was interrupted").isFalse();
        assertThat(storeFailure.get()).as("the page read when the client hung up").isNull();
        // The page being read when the client hung up is the last one: the reading stopped there.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(pagesRead).as("pages read of " + ROWS / PAGE).hasValue(2));
        appendAnotherFact();
    }

    @Test
    void onBoundedElasticTheSameHangUpInterruptsTheReadAndClosesTheStore() throws Exception {
        hangUpMidRead(rows -> Flux.fromStream(rows).subscribeOn(Schedulers.boundedElastic()), new AtomicInteger());

        assertThat(interrupted).as("the reading thread was interrupted").isTrue();
        assertThat(storeFailure.get()).as("the page read when the client hung up").isNotNull();
        assertThat(storeRefusesWrites()).as("the store refuses writes until a restart").isTrue();
    }

    /** Subscribes, hangs up once the work is under way, then lets the work go on. */
    private void hangUpDuring(Mono<?> work) throws InterruptedException {
        Disposable request = work.subscribe(value -> { }, failure -> { });
        assertThat(working.await(10, TimeUnit.SECONDS)).as("the work started").isTrue();
        request.dispose();
        hungUp.countDown();
        assertThat(workDone.await(10, TimeUnit.SECONDS)).as("the work went on to its end").isTrue();
    }

    /** Reads the facts page by page, as the export does, and hangs up before the second page is read. */
    private void hangUpMidRead(Function<Supplier<Stream<? extends Long>>, Flux<Long>> reading, AtomicInteger pagesRead)
            throws InterruptedException {
        BaseSubscriber<Long> client = new BaseSubscriber<>() {
        };
        reading.apply(() -> pages(pagesRead)).subscribe(client);
        assertThat(working.await(10, TimeUnit.SECONDS)).as("the first page was read").isTrue();
        client.dispose();
        hungUp.countDown();
        assertThat(workDone.await(10, TimeUnit.SECONDS)).as("the page being read was read to its end").isTrue();
    }

    /** Appends one fact once the client has hung up: the commit writes the file. */
    private Integer factAppendedAfterTheHangUp() {
        working.countDown();
        afterTheHangUp(() -> {
            try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                return connection.createStatement().executeUpdate("INSERT INTO fact VALUES (1000, X'01')");
            }
        });
        return 1;
    }

    /** The facts' ids in pages of {@value #PAGE}, each page read on a connection of its own; the second after the hang-up. */
    private Stream<Long> pages(AtomicInteger pagesRead) {
        Spliterator<Long> rows = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            private final Deque<Long> page = new ArrayDeque<>();
            private long after;
            private boolean last;

            @Override
            public boolean tryAdvance(Consumer<? super Long> action) {
                if (page.isEmpty() && !last) {
                    if (pagesRead.get() == 1) {
                        working.countDown();
                        afterTheHangUp(this::nextPage);
                    } else {
                        try {
                            nextPage();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                Long next = page.poll();
                if (next == null) {
                    return false;
                }
                after = next;
                action.accept(next);
                return true;
            }

            private Void nextPage() throws SQLException {
                pagesRead.incrementAndGet();
                try (Connection connection = DriverManager.getConnection(url, "sa", "");
                     PreparedStatement statement = connection.prepareStatement(
                             "SELECT id, payload FROM fact WHERE id > ? ORDER BY id LIMIT " + PAGE)) {
                    statement.setLong(1, after);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            rs.getBytes(2);
                            page.add(rs.getLong(1));
                        }
                    }
                }
                last = page.size() < PAGE;
                return null;
            }
        };
        return StreamSupport.stream(rows, false);
    }

    /**
     * Waits for the hang-up without swallowing an interrupt (a wait that caught it would clear it,
     * and the store work after it would not see it), notes whether there was one, then does the
     * store work; a failure of that work is noted too.
     */
    private void afterTheHangUp(Callable<?> storeWork) {
        boolean interruptedWhileWaiting = false;
        try {
            while (true) {
                try {
                    assertThat(hungUp.await(10, TimeUnit.SECONDS)).as("the client hung up").isTrue();
                    break;
                } catch (InterruptedException e) {
                    interruptedWhileWaiting = true;
                }
            }
        } finally {
            if (interruptedWhileWaiting) {
                Thread.currentThread().interrupt();
            }
        }
        interrupted.set(Thread.currentThread().isInterrupted());
        try {
            storeWork.call();
        } catch (Exception e) {
            storeFailure.set(e);
        } finally {
            workDone.countDown();
        }
    }

    private void appendAnotherFact() throws SQLException {
        assertThat(pool.createStatement().executeUpdate("INSERT INTO fact VALUES (2000, X'02')")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM fact WHERE id = 2000")).as("the fact appended afterwards").isEqualTo(1);
    }

    private boolean storeRefusesWrites() {
        try {
            pool.createStatement().executeUpdate("INSERT INTO fact VALUES (2000, X'02')");
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    private int count(String sql) throws SQLException {
        try (ResultSet rs = pool.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

package org.hospital.surveillance.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measuring tools themselves, against a stand-in server and a scratch H2 file: every answer
 * the load generator counts was really sent and answered, over kept-alive connections, whichever
 * way the server frames its body; and the raw append counts rows that are really in the table.
 */
class IngestLoadTest {

    private HttpServer server;
    private final Set<String> bodies = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final List<String> reads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/lab-results", exchange -> {
            requests.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] receipt = "{\"outcome\":\"RECORDED\"}".getBytes(StandardCharsets.UTF_8);
            // Every other answer chunked (length 0), the others with a Content-Length, as servers do both.
            boolean chunked = requests.get() % 2 == 0;
            exchange.sendResponseHeaders(201, chunked ? 0 : receipt.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(receipt);
            }
        });
        server.createContext("/api/alerts", exchange -> {
            reads.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Accept-Encoding") + " " + exchange.getRequestBody().readAllBytes().length);
            byte[] board = "[]".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, board.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(board);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aClosedLoopCountsOnlyAnsweredRequestsEachWithItsOwnFactOverItsOwnConnections() {
        IngestLoad.Target target = IngestLoad.labResults("http://127.0.0.1:" + server.getAddress().getPort(), "lab1", "secret");

        IngestLoad.Result result = IngestLoad.closedLoop(target, 3, Duration.ofMillis(200), Duration.ofMillis(500));

        assertThat(result.failures()).isZero();
        assertThat(result.statuses().keySet()).containsExactly(201);
        assertThat(result.answered()).isPositive().isEqualTo(result.succeeded())
                .isEqualTo(result.statuses().get(201)).isLessThanOrEqualTo(result.answeredWithWarmUp());
        assertThat(result.answeredWithWarmUp()).isEqualTo(requests.get());
        // Every request a new accession number, every connection kept alive.
        assertThat(bodies).hasSize(requests.get()).allSatisfy(body -> assertThat(body).contains("\"accessionNumber\":\"L-"));
        assertThat(clientPorts).hasSize(3);
        assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
    }

    @Test
    void readsAreGetsWithTheirEncodingAndNoBodyEachLargeAnswerReadWhole() {
        String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        IngestLoad.Result asked = IngestLoad.closedLoop(IngestLoad.reads(baseUrl, "/api/alerts?status=OPEN", "nurse1", "secret", "gzip"),
                2, Duration.ofMillis(100), Duration.ofMillis(300));
        IngestLoad.Result plain = IngestLoad.closedLoop(IngestLoad.reads(baseUrl, "/api/alerts", "nurse1", "secret", null),
                2, Duration.ofMillis(100), Duration.ofMillis(300));

        for (IngestLoad.Result result : List.of(asked, plain)) {
            assertThat(result.failures()).isZero();
            assertThat(result.statuses().keySet()).containsExactly(200);
            assertThat(result.answered()).isPositive().isEqualTo(result.succeeded());
        }
        // Each 200 KB answer read to its end: the next request on the connection was understood.
        assertThat(reads).hasSize((int) (asked.answeredWithWarmUp() + plain.answeredWithWarmUp()))
                .containsOnly("GET /api/alerts?status=OPEN gzip 0", "GET /api/alerts null 0")
                .contains("GET /api/alerts?status=OPEN gzip 0", "GET /api/alerts null 0");
    }

    @Test
    void anOpenLoopSendsWhatIsDueAndCountsTheAnswers() {
        IngestLoad.Target target = IngestLoad.labResults("http://127.0.0.1:" + server.getAddress().getPort(), "lab1", "secret");

        IngestLoad.Result result = IngestLoad.openLoop(target, 100, 2, Duration.ofMillis(200), Duration.ofMillis(500));

        assertThat(result.failures()).isZero();
        assertThat(result.statuses().keySet()).containsExactly(201);
        assertThat(result.answeredWithWarmUp()).isEqualTo(requests.get()).isEqualTo(bodies.size());
        assertThat(result.answered()).isPositive().isLessThanOrEqualTo(result.answeredWithWarmUp());
    }

    @Test
    void theRawAppendCountsRowsThatAreInTheTable(@TempDir Path dir) throws Exception {
        try (HikariDataSource h2 = RawAppend.h2FileAsTheAppOpensIt(dir)) {
            RawAppend.Result result = RawAppend.run(h2, 2, Duration.ofMillis(100), Duration.ofMillis(300));

            try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT aggregateIdentifier) FROM " + RawAppend.TABLE)) {
                rows.next();
                assertThat(result.rows()).isPositive().isLessThanOrEqualTo(rows.getLong(1));
                assertThat(rows.getLong(2)).isEqualTo(rows.getLong(1));
            }
        }
    }
}

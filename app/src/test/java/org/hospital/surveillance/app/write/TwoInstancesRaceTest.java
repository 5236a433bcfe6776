package org.hospital.surveillance.app.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.write.TestJson.json;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TwoInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two instances of the platform on one PostgreSQL event store, each receiving the same first
 * submissions at the same moment: their per-instance aggregate locks cannot serialise them, so
 * one append of each pair may lose on the store's unique key. Every pair must still end as one
 * RECORDED and one DUPLICATE with one event, never as an error.
 */
class TwoInstancesRaceTest {
    private static final int KEYS = 40;

    @TempDir
    static Path firstDir;
    @TempDir
    static Path secondDir;
    static TwoInstances instances;
    static Platform first;
    static Platform second;

    @BeforeAll
    static void start() {
        instances = TwoInstances.sharingEventStore(firstDir, secondDir);
        first = instances.first;
        second = instances.second;
    }

    @AfterAll
    static void stop() {
        instances.close();
    }

    @Test
    void everyRacingPairIsOneRecordedAndOneDuplicate() {
        WebClient a = client(first);
        WebClient b = client(second);

        Map<String, List<String>> outcomesByKey = Flux.range(0, KEYS)
                .map(i -> "L-RACE-" + i)
                .flatMap(key -> Flux.merge(submit(a, key), submit(b, key)).map(outcome -> Map.entry(key, outcome)), KEYS)
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                .block(Duration.ofSeconds(120));

        assertThat(outcomesByKey).hasSize(KEYS);
        outcomesByKey.forEach((key, outcomes) ->
                assertThat(outcomes).as(key).containsExactlyInAnyOrder("201 RECORDED", "200 DUPLICATE"));
        Submissions store = new Submissions(first);
        for (int i = 0; i < KEYS; i++) {
            assertThat(store.eventsOf("lab-result:L-RACE-" + i)).as("events of L-RACE-%d", i).isEqualTo(1);
        }
    }

    private static Mono<String> submit(WebClient client, String accessionNumber) {
        String body = json("{'accessionNumber':'" + accessionNumber + "','patientId':'P-201','wardId':'ICU-2',"
                + "'admittedAt':'2026-03-01T08:00:00Z','specimenType':'URINE','collectedAt':'2026-03-04T10:00:00Z',"
                + "'result':'POSITIVE','organism':'Escherichia coli','phenotype':'ESBL'}");
        return client.post().uri("/api/lab-results").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(Map.class)
                        .map(receipt -> response.statusCode().value() + " " + receipt.get("outcome")));
    }

    private static WebClient client(Platform platform) {
        return WebClient.builder().baseUrl(platform.baseUrl())
                .defaultHeaders(h -> h.setBasicAuth("lab1", Platform.PASSWORD)).build();
    }
}

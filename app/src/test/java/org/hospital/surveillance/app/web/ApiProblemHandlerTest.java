package org.hospital.surveillance.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.write.TestJson.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.hospital.surveillance.command.intake.InvalidRequestBody;
import org.hospital.surveillance.command.intake.RequestBodyDecoder;
import org.hospital.surveillance.command.intake.RequestBodyReader;
import org.hospital.surveillance.events.alert.CloseOutcome;
import org.hospital.surveillance.events.environment.SampleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The error shape for every kind of input (typed query and path parameters, bodies read by the
 * command side's reader, {@code @Valid}); the write side's own bodies are covered over real HTTP
 * in the {@code write} package.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiProblemHandlerTest {

    /** Bodies are read as in the app: by the command side's reader, here with a small size limit. */
    private final WebTestClient client = WebTestClient.bindToController(new Probe())
            .controllerAdvice(new ApiProblemHandler())
            .httpMessageCodecs(codecs -> codecs.defaultCodecs().jackson2JsonDecoder(
                    new RequestBodyDecoder(new RequestBodyReader(Clock.systemUTC()), 1000)))
            .build();

    @Test
    void aQueryParameterOfTheWrongTypeIsNamed() {
        expectErrors(client.get().uri("/probe/rates?month=March&type=AIR"),
                "[{'field':'month','message':'must be a month YYYY-MM'}]");
    }

    @Test
    void anUnknownEnumInAQueryParameterListsTheAllowedValues() {
        expectErrors(client.get().uri("/probe/rates?month=2026-03&type=WATER"),
                "[{'field':'type','message':'must be one of [AIR, SURFACE, HANDS, DISINFECTANT_IN_USE, "
                        + "STERILE_STORAGE_FLUID, STERILIZED_ITEM]'}]");
    }

    @Test
    void aMissingQueryParameterIsNamed() {
        expectErrors(client.get().uri("/probe/rates?type=AIR"), "[{'field':'month','message':'is required'}]");
    }

    @Test
    void aConstrainedQueryParameterIsNamed() {
        expectErrors(client.get().uri("/probe/window?days=0"),
                "[{'field':'days','message':'must be greater than or equal to 1'}]");
    }

    @Test
    void aPathVariableOfTheWrongTypeIsNamed() {
        expectErrors(client.get().uri("/probe/page/first"), "[{'field':'number','message':'must be a whole number'}]");
    }

    @Test
    void anUnknownEnumInABoundBodyNamesTheFieldAndTheAllowedValues() {
        expectErrors(post("/probe/close", "{'outcome':'MAYBE','note':'x'}"),
                "[{'field':'outcome','message':'must be one of [CONFIRMED_OUTBREAK, FALSE_ALARM]'}]");
    }

    @Test
    void aWrongTypeDeepInABoundBodyIsNamedByItsPath() {
        expectErrors(post("/probe/what-if", "{'from':'2026-03-01T00:00:00Z','windows':[7,'two']}"),
                "[{'field':'windows[1]','message':'must be a whole number'}]");
        expectErrors(post("/probe/what-if", "{'from':'yesterday','windows':[7]}"),
                "[{'field':'from','message':'must be an ISO-8601 instant such as 2026-03-05T10:00:00Z'}]");
    }

    @Test
    void everyInvalidFieldOfAValidatedBodyIsNamed() {
        expectErrors(post("/probe/what-if", "{'windows':[]}"),
                "[{'field':'from','message':'must not be null'}]");
        expectErrors(post("/probe/acknowledge", "{'note':' ','by':null}"), List.of(
                "{'field':'by','message':'must not be null'}", "{'field':'note','message':'must not be blank'}"));
    }

    @Test
    void malformedAndMissingBodiesAreNamedAsTheBody() {
        client.post().uri("/probe/close").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"outcome\":").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m)
                        .startsWith("is not well-formed JSON"));
        expectErrors(client.post().uri("/probe/close").contentType(MediaType.APPLICATION_JSON),
                "[{'field':'body','message':'is required'}]");
    }

    @Test
    void unknownFieldsAreNamedWithEveryOtherBadField() {
        expectErrors(post("/probe/what-if", "{'from':'yesterday','windows':[7],'window':7,'to':'2026-03-02T00:00:00Z'}"),
                List.of("{'field':'from','message':'must be an ISO-8601 instant such as 2026-03-05T10:00:00Z'}",
                        "{'field':'window','message':'is not a known field'}",
                        "{'field':'to','message':'is not a known field'}"));
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        client.post().uri("/probe/close").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"outcome\":\"FALSE_ALARM\",\"note\":\"" + "x".repeat(1000) + "\"}").exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413);
    }

    @Test
    void anInvalidBodyFoundByAControllerIsRenderedTheSameWay() {
        expectErrors(client.get().uri("/probe/invalid-body"), "[{'field':'readAt','message':'must not be before the cycle'}]");
    }

    @Test
    void aBindExceptionFromAControllerIsRenderedTheSameWay() {
        expectErrors(client.get().uri("/probe/bind"), "[{'field':'readAt','message':'must not be before the cycle'}]");
    }

    @Test
    void statusExceptionsKeepTheirStatusAsProblems() {
        client.get().uri("/probe/missing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json(json("{'status':404,'detail':'No such load','instance':'/probe/missing'}"));
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothing(CapturedOutput output) {
        client.get().uri("/probe/boom").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json(json("{'type':'about:blank','title':'Internal Server Error','status':500,"
                        + "'detail':'The request could not be completed because of an internal error.',"
                        + "'instance':'/probe/boom'}"), true);

        assertThat(output.getAll().lines().filter(line -> line.contains("ERROR")))
                .singleElement().asString()
                .contains("IllegalStateException", "/probe/boom", "Probe.boom")
                .doesNotContain("P-101");
    }

    /**
     * What Axon's command path throws when the event store's pool cannot hand out a connection,
     * what a statement on a connection PostgreSQL dropped throws, and what the next use of that
     * connection throws once the pool has closed it (seen in StoreOutageTest): all a 503 to retry, naming
     * neither the fact nor the store, and logged without the message (it may name the fact).
     */
    @Test
    void anUnreachableStoreIsA503ToRetry(CapturedOutput output) {
        for (String path : List.of("/probe/no-connection", "/probe/connection-lost", "/probe/connection-closed-by-pool")) {
            client.post().uri(path).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("Retry-After", "5")
                    .expectBody().json(json("{'type':'about:blank','title':'Store unavailable','status':503,"
                            + "'detail':'A data store is temporarily unavailable. Retry later; re-sending a fact is safe.',"
                            + "'instance':'" + path + "'}"), true);
        }
        assertThat(output.getAll()).doesNotContain("LR-101").doesNotContain("ERROR");
    }

    private WebTestClient.RequestHeadersSpec<?> post(String path, String body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json(body));
    }

    /** The problem's errors are exactly these, in this order. */
    private static void expectErrors(WebTestClient.RequestHeadersSpec<?> request, String errors) {
        List<?> expected;
        try {
            expected = new ObjectMapper().readValue(json(errors), List.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        request.exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json(json("{'title':'Invalid input','status':400}"))
                .jsonPath("$.errors").value(actual -> assertThat(actual).isEqualTo(expected));
    }

    private static void expectErrors(WebTestClient.RequestHeadersSpec<?> request, List<String> errorsInAnyOrder) {
        request.exchange()
                .expectStatus().isBadRequest()
                .expectBody().json(json("{'errors':[" + String.join(",", errorsInAnyOrder) + "]}"));
    }

    record CloseRequest(CloseOutcome outcome, String note) {
    }

    record WhatIf(@NotNull Instant from, List<Integer> windows) {
    }

    record Acknowledgement(@NotBlank String note, @NotNull String by) {
    }

    @RestController
    static class Probe {
        @GetMapping("/probe/rates")
        String rates(@RequestParam YearMonth month, @RequestParam("type") SampleType sampleType) {
            return "ok";
        }

        @GetMapping("/probe/window")
        String window(@RequestParam @Min(1) int days) {
            return "ok";
        }

        @GetMapping("/probe/page/{number}")
        String page(@PathVariable int number) {
            return "ok";
        }

        @PostMapping("/probe/close")
        Mono<String> close(@RequestBody Mono<CloseRequest> request) {
            return request.map(CloseRequest::note);
        }

        @PostMapping("/probe/what-if")
        String whatIf(@Valid @RequestBody WhatIf whatIf) {
            return "ok";
        }

        @PostMapping("/probe/acknowledge")
        String acknowledge(@Valid @RequestBody Acknowledgement acknowledgement) {
            return "ok";
        }

        @GetMapping("/probe/bind")
        Mono<String> bind() {
            MapBindingResult result = new MapBindingResult(new java.util.HashMap<>(), "reading");
            result.addError(new FieldError("reading", "readAt", "must not be before the cycle"));
            return Mono.error(new BindException(result));
        }

        @GetMapping("/probe/invalid-body")
        Mono<String> invalidBody() {
            return Mono.error(InvalidRequestBody.of("readAt", "must not be before the cycle"));
        }

        @GetMapping("/probe/missing")
        String missing() {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such load");
        }

        @PostMapping("/probe/no-connection")
        Mono<String> noConnection() {
            return Mono.error(new org.axonframework.commandhandling.CommandExecutionException("LR-101 not stored",
                    new org.springframework.transaction.CannotCreateTransactionException("Could not open JDBC Connection",
                            new java.sql.SQLTransientConnectionException("pool - Connection is not available"))));
        }

        @PostMapping("/probe/connection-lost")
        String connectionLost() {
            throw new org.axonframework.eventsourcing.eventstore.EventStoreException("An event for LR-101 could not be persisted",
                    new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"));
        }

        /** Axon's JDBC helpers on a connection HikariCP has closed after it broke: no SQL state. */
        @PostMapping("/probe/connection-closed-by-pool")
        String connectionClosedByPool() {
            throw new org.axonframework.common.jdbc.JdbcException("Failed to create a SQL statement for LR-101",
                    new java.sql.SQLException("Connection is closed"));
        }

        @GetMapping("/probe/boom")
        String boom() {
            throw new IllegalStateException("patient P-101 broke something");
        }
    }
}

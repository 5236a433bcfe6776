package org.hospital.surveillance.app.web;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import org.hospital.surveillance.app.outage.StoreOutages;
import org.hospital.surveillance.command.intake.FieldProblem;
import org.hospital.surveillance.command.intake.IntakeBusy;
import org.hospital.surveillance.command.intake.InvalidRequestBody;
import org.hospital.surveillance.command.intake.ValueWording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Every error of the API as {@code application/problem+json} (RFC 9457). Invalid input is a 400
 * whose {@code errors} array names each bad field as {@code {field, message}}: fields of a JSON
 * body by their path ({@code susceptibility[0].interpretation}), query, path and header
 * parameters by their name, and a body that is missing or not JSON at all as {@code body}.
 * Request bodies are read and checked before they reach a controller (command-side
 * {@code intake/RequestBodyReader}); what it finds arrives here as an {@link InvalidRequestBody}.
 * Extends Spring's handler, so the statuses it already maps (404, 405, 406, 415, ...) keep
 * theirs; Spring Boot's own problem-details handler steps back for this one.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {
    /** Spring's reason for a required body that is absent. */
    private static final String NO_BODY = "No request body";
    /** Long enough for a restarting database or a fail-over, short enough for a lab system's retry loop. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);
    private static final List<Class<? extends Annotation>> NAMED_PARAMETERS = List.of(
            RequestParam.class, PathVariable.class, RequestHeader.class, CookieValue.class, RequestPart.class);

    /** A body found invalid after it was read (e.g. by an aggregate that knows more than the body). */
    @ExceptionHandler(InvalidRequestBody.class)
    public Mono<ResponseEntity<Object>> handleInvalidRequestBody(InvalidRequestBody ex, ServerWebExchange exchange) {
        return invalid(ex, ex.problems(), exchange);
    }

    /** Thrown by controllers that check a parameter themselves. */
    @ExceptionHandler(BindException.class)
    public Mono<ResponseEntity<Object>> handleBindException(BindException ex, ServerWebExchange exchange) {
        return invalid(ex, fieldProblems(ex.getBindingResult()), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return invalid(ex, fieldProblems(ex.getBindingResult()), exchange);
    }

    /** Spring's method validation of constrained parameters, e.g. {@code @RequestParam @Min(1) int days}. */
    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = parameterName(result.getMethodParameter());
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                problems.add(new FieldProblem(error instanceof FieldError f ? name + "." + f.getField() : name,
                        error.getDefaultMessage()));
            }
        });
        return invalid(ex, problems, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(
            MissingRequestValueException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return invalid(ex, List.of(new FieldProblem(ex.getName(), "is required")), exchange);
    }

    /** Bodies that cannot be read and parameters of the wrong type. */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return invalid(ex, inputProblems(ex), exchange);
    }

    /**
     * Every intake worker is busy and the intake queue is full (command-side intake/IntakeWorkers):
     * a 503 the client may retry after the configured pause; nothing was appended. Logged at DEBUG
     * only: under an overload it is every refused request, and the refusals are counted
     * ({@code surveillance_facts_rejected_total{reason="unavailable"}}).
     */
    @ExceptionHandler(IntakeBusy.class)
    public Mono<ResponseEntity<Object>> handleIntakeBusy(IntakeBusy ex, ServerWebExchange exchange) {
        log.debug("Intake busy on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The platform is recording as many facts as it can take. Retry later; nothing was recorded from this request.");
        problem.setTitle("Intake busy");
        HttpHeaders headers = problemHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, exchange);
    }

    /** Security decides 401 and 403 itself (its handlers write problems too); pass its exceptions on. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    public Mono<ResponseEntity<Object>> handleSecurityException(RuntimeException ex) {
        return Mono.error(ex);
    }

    /**
     * Anything unforeseen: a 500 problem that says nothing about the data. An exception's message
     * may quote the data it choked on (patient identifiers included), so the ERROR line names only
     * the exception's type and where it was thrown; the whole exception is logged at DEBUG.
     */
    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        if (StoreOutages.isOutage(ex)) {
            return storeUnavailable(ex, exchange);
        }
        StackTraceElement[] trace = ex.getStackTrace();
        log.error("Unexpected {} on {} {} at {}", ex.getClass().getName(), exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), trace.length > 0 ? trace[0] : "an unknown place");
        log.debug("Unexpected failure", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed because of an internal error.");
        return handleExceptionInternal(ex, problem, problemHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, exchange);
    }

    /**
     * The event store or the read-model store is down or unreachable: a 503 the client may retry
     * after {@link #RETRY_AFTER_SECONDS} (writes are idempotent per fact, so re-sending a fact that
     * was in fact stored is a 200 DUPLICATE). Axon's command path surfaces it wrapped (a
     * transaction that cannot start, an append or a read that lost its connection), the reactive
     * MongoDB driver as a server-selection timeout or a socket failure; the failure's type only is
     * logged, at WARN: its message may name the fact.
     */
    private Mono<ResponseEntity<Object>> storeUnavailable(Exception ex, ServerWebExchange exchange) {
        log.warn("Store unavailable ({}) on {} {}", ex.getClass().getName(), exchange.getRequest().getMethod(),
                exchange.getRequest().getPath());
        log.debug("Store unavailable", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "A data store is temporarily unavailable. Retry later; re-sending a fact is safe.");
        problem.setTitle("Store unavailable");
        HttpHeaders headers = problemHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, exchange);
    }

    /**
     * Always problem+json, whatever the client accepts: a client of the alert stream accepts only
     * text/event-stream, and would otherwise receive its 400 encoded as a server-sent event.
     */
    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }

    private Mono<ResponseEntity<Object>> invalid(Exception ex, List<FieldProblem> problems, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.size() == 1 ? "1 field is invalid; see errors." : problems.size() + " fields are invalid; see errors.");
        problem.setTitle("Invalid input");
        problem.setProperty("errors", problems);
        return handleExceptionInternal(ex, problem, problemHeaders(), HttpStatus.BAD_REQUEST, exchange);
    }

    private static List<FieldProblem> fieldProblems(BindingResult result) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ObjectError error : result.getAllErrors()) {
            String field = error instanceof FieldError f ? f.getField() : FieldProblem.BODY;
            problems.add(new FieldProblem(field, error.getDefaultMessage()));
        }
        return problems;
    }

    /** What is wrong with an unreadable body or a parameter that does not convert. */
    static List<FieldProblem> inputProblems(ServerWebInputException ex) {
        MethodParameter parameter = ex.getMethodParameter();
        if (find(ex, InvalidRequestBody.class) instanceof InvalidRequestBody body) {
            return body.problems();
        }
        if (find(ex, TypeMismatchException.class) instanceof TypeMismatchException mismatch && parameter != null) {
            return List.of(new FieldProblem(parameterName(parameter), ValueWording.expected(mismatch.getRequiredType())));
        }
        if (NO_BODY.equals(ex.getReason())) {
            return List.of(new FieldProblem(FieldProblem.BODY, "is required"));
        }
        if (parameter != null && !parameter.hasParameterAnnotation(RequestBody.class)) {
            return List.of(new FieldProblem(parameterName(parameter), "is invalid"));
        }
        return List.of(new FieldProblem(FieldProblem.BODY, "cannot be read"));
    }

    /** The name the client used: the annotation's name if given, else the Java parameter's. */
    static String parameterName(MethodParameter parameter) {
        for (Class<? extends Annotation> type : NAMED_PARAMETERS) {
            Annotation annotation = parameter.getParameterAnnotation(type);
            if (annotation != null) {
                // synthesized, so that name and its alias value are one attribute
                Object name = AnnotationUtils.getValue(AnnotationUtils.synthesizeAnnotation(annotation, null), "name");
                if (name instanceof String declared && !declared.isEmpty()) {
                    return declared;
                }
            }
        }
        String name = parameter.getParameterName();
        return name != null ? name : "arg" + parameter.getParameterIndex();
    }

    private static <T extends Throwable> Throwable find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}

package org.hospital.surveillance.app.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
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
 * Extends Spring's handler, so the statuses it already maps (404, 405, 406, 415, ...) keep
 * theirs; Spring Boot's own problem-details handler steps back for this one.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {
    /** The {@code field} of a problem with the request body as a whole. */
    public static final String BODY = "body";

    /** Spring's reason for a required body that is absent. */
    private static final String NO_BODY = "No request body";
    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);
    private static final List<Class<? extends Annotation>> NAMED_PARAMETERS = List.of(
            RequestParam.class, PathVariable.class, RequestHeader.class, CookieValue.class, RequestPart.class);

    /** One bad field, as it appears in the {@code errors} array. */
    public record FieldProblem(String field, String message) {
    }

    /** Thrown by controllers that check more than Bean Validation can (e.g. the write side's submissions). */
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
        return invalid(ex, List.of(inputProblem(ex)), exchange);
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
        StackTraceElement[] trace = ex.getStackTrace();
        log.error("Unexpected {} on {} {} at {}", ex.getClass().getName(), exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), trace.length > 0 ? trace[0] : "an unknown place");
        log.debug("Unexpected failure", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed because of an internal error.");
        return handleExceptionInternal(ex, problem, problemHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, exchange);
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
            String field = error instanceof FieldError f ? f.getField() : BODY;
            problems.add(new FieldProblem(field, error.getDefaultMessage()));
        }
        return problems;
    }

    /** What is wrong with an unreadable body or a parameter that does not convert. */
    static FieldProblem inputProblem(ServerWebInputException ex) {
        MethodParameter parameter = ex.getMethodParameter();
        if (find(ex, TypeMismatchException.class) instanceof TypeMismatchException mismatch && parameter != null) {
            return new FieldProblem(parameterName(parameter), ValueWording.expected(mismatch.getRequiredType()));
        }
        if (find(ex, JsonMappingException.class) instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new FieldProblem(jsonPath(mapping.getPath()), mappingMessage(mapping));
        }
        if (find(ex, JsonParseException.class) instanceof JsonParseException parse) {
            return new FieldProblem(BODY, "is not well-formed JSON: " + parse.getOriginalMessage()
                    + " (line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")");
        }
        if (find(ex, JsonProcessingException.class) instanceof JsonProcessingException json) {
            return new FieldProblem(BODY, "cannot be read: " + json.getOriginalMessage());
        }
        if (NO_BODY.equals(ex.getReason())) {
            return new FieldProblem(BODY, "is required");
        }
        if (parameter != null && !parameter.hasParameterAnnotation(RequestBody.class)) {
            return new FieldProblem(parameterName(parameter), "is invalid");
        }
        return new FieldProblem(BODY, "cannot be read");
    }

    private static String mappingMessage(JsonMappingException mapping) {
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (mapping instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return ValueWording.expected(mismatched.getTargetType());
        }
        return "is invalid";
    }

    /** Jackson's path as the client wrote it: {@code susceptibility[0].interpretation}. */
    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? BODY : field.toString();
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

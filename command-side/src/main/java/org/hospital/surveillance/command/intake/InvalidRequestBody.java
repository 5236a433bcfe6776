package org.hospital.surveillance.command.intake;

import java.util.List;
import org.springframework.core.codec.DecodingException;

/**
 * A request body that cannot be taken, with every bad field in it. A {@link DecodingException}, so
 * that WebFlux reports it as a bad request (it wraps it in a {@code ServerWebInputException}) when
 * it is thrown while the body is read; the app's problem handler renders the problems.
 */
public class InvalidRequestBody extends DecodingException {
    private final transient List<FieldProblem> problems;

    public InvalidRequestBody(List<FieldProblem> problems) {
        // The message names fields only: values can be patient data.
        super("Invalid request body: " + problems.stream().map(FieldProblem::field).toList());
        this.problems = List.copyOf(problems);
    }

    /** One bad field found after reading (e.g. by an aggregate that knows more than the body). */
    public static InvalidRequestBody of(String field, String message) {
        return new InvalidRequestBody(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}

package org.hospital.surveillance.command.intake;

/**
 * One bad field of a request: its JSON path (e.g. {@code susceptibility[0].antibiotic}), or the
 * name of a query, path or header parameter, or {@value #BODY} for a body that is missing or
 * unreadable as a whole; and what is wrong with it. The app's problem handler renders a list of
 * them as the {@code errors} of a 400.
 */
public record FieldProblem(String field, String message) {
    /** The field of a problem with the request body as a whole. */
    public static final String BODY = "body";
}

package org.hospital.surveillance.command.intake;

/** One bad field of a submission: its JSON path (e.g. {@code susceptibility[0].antibiotic}) and what is wrong. */
public record FieldProblem(String field, String message) {
}

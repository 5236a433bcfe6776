package org.hospital.surveillance.command.intake;

/**
 * A request body of the write API, read field by field so that every bad field is reported at
 * once. Bean Validation annotations on the record components carry the per-field rules;
 * {@link #check(Checks)} the rules that depend on other fields or on the clock. Once valid, each
 * submission turns itself into its fact or command.
 */
public interface Submission {

    /** Rules Bean Validation cannot express: fields required or refused depending on others, dates in the future. */
    void check(Checks checks);
}

package org.hospital.surveillance.command.casereport;

/**
 * A retracted case stays retracted: re-submitting it would silently bring back a case that was
 * withdrawn on purpose. A case that does count after all is reported under a new case id.
 */
public class CaseAlreadyRetracted extends RuntimeException {

    public CaseAlreadyRetracted(String caseId) {
        super("Case " + caseId + " was retracted; report it again under a new case id if it counts after all");
    }
}

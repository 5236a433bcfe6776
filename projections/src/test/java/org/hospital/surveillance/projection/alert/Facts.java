package org.hospital.surveillance.projection.alert;

import java.time.Instant;
import java.util.List;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.InfectionSite;
import org.hospital.surveillance.events.environment.EnvironmentClass;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;

/** Facts as the write side records them, with the defaults the tests do not care about. */
final class Facts {

    /** Admitted long before any March culture, so every March culture is hospital-onset unless a test says otherwise. */
    static final Instant ADMITTED = Instant.parse("2026-02-15T08:00:00Z");
    static final String MRSA_ORGANISM = "Staphylococcus aureus";

    private Facts() {
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** An ICU-1 MRSA blood culture, positive, collected at {@code collectedAt}. */
    static LabResult mrsa(String accession, String patientId, String collectedAt) {
        return culture(accession, patientId, "ICU-1", MRSA_ORGANISM, "MRSA", ADMITTED, at(collectedAt));
    }

    static LabResult culture(String accession, String patientId, String wardId, String organism, String phenotype,
                             Instant admittedAt, Instant collectedAt) {
        return new LabResult(accession, patientId, wardId, admittedAt, SpecimenType.BLOOD, collectedAt,
                CultureResult.POSITIVE, organism, phenotype, List.of());
    }

    static LabResult negative(LabResult result) {
        return new LabResult(result.accessionNumber(), result.patientId(), result.wardId(), result.admittedAt(),
                result.specimenType(), result.collectedAt(), CultureResult.NEGATIVE, null, null, List.of());
    }

    static CaseReport hai(String caseId, String patientId, String wardId, String organism, String phenotype, String onsetAt) {
        return new CaseReport(caseId, patientId, wardId, CaseCategory.HAI, InfectionSite.BSI, organism, phenotype,
                at(onsetAt), null, null, null);
    }

    static EnvironmentSample airSample(String sampleId, double cfu) {
        return new EnvironmentSample(sampleId, "ICU-1", SampleType.AIR, EnvironmentClass.II, null, null, cfu,
                at("2026-03-03T09:00:00Z"));
    }

    static SterilizationLoad load(String loadId, CycleType cycle, BowieDickResult bowieDick, IndicatorResult chemical,
                                  BiologicalIndicatorResult biological) {
        return new SterilizationLoad(loadId, "S1", cycle, at("2026-03-02T07:00:00Z"), bowieDick, chemical, biological, 40);
    }
}

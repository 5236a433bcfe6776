package org.hospital.surveillance.projection.alert;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.hospital.surveillance.events.environment.SampleType;

/** The one-sentence {@code detail} of an alert, written for the infection-control nurse who has to act on it. */
final class AlertDetails {

    private AlertDetails() {
    }

    static String cluster(String wardId, String organism, String phenotype, long patients, LocalDate first, LocalDate last) {
        String what = phenotype == null ? organism : organism + " (" + phenotype + ")";
        if (patients == 0) {
            return "Every case of this " + what + " cluster in ward " + wardId
                    + " has been retracted or amended away; close the alert if nothing else links the patients.";
        }
        String span = first.equals(last) ? "on " + first : "between " + first + " and " + last;
        return patients + (patients == 1 ? " patient" : " patients") + " in ward " + wardId + " with hospital-onset "
                + what + ", case dates " + span + ": possible outbreak, check for cross-transmission.";
    }

    static String environment(String wardId, String sampleId, SampleType sampleType, double cfu, double limit, LocalDate collectedOn) {
        String unit = unitOf(sampleType);
        String measured = limit == 0
                ? "grew " + number(cfu) + " " + unit + " where no growth is allowed"
                : "measured " + number(cfu) + " " + unit + ", above the limit of " + number(limit) + " " + unit;
        return describe(sampleType) + " sample " + sampleId + " in ward " + wardId + ", collected " + collectedOn + ", "
                + measured + ": find the cause, disinfect and resample.";
    }

    static String sterilizationFailure(String sterilizerId, String loadId, List<String> failedIndicators, LocalDate completedOn) {
        return "Load " + loadId + " of sterilizer " + sterilizerId + ", completed " + completedOn + ", failed "
                + indicators(failedIndicators) + ": recall its items, they must not reach clinical departments.";
    }

    private static String describe(SampleType type) {
        return switch (type) {
            case AIR -> "Air (settle plate)";
            case SURFACE -> "Surface";
            case HANDS -> "Staff hands";
            case DISINFECTANT_IN_USE -> "Disinfectant in use";
            case STERILE_STORAGE_FLUID -> "Sterile storage fluid";
            case STERILIZED_ITEM -> "Sterilized item";
        };
    }

    private static String unitOf(SampleType type) {
        return switch (type) {
            case AIR -> "CFU/plate";
            case SURFACE, HANDS -> "CFU/cm²";
            case DISINFECTANT_IN_USE, STERILE_STORAGE_FLUID -> "CFU/mL";
            case STERILIZED_ITEM -> "CFU";
        };
    }

    private static String indicators(List<String> failed) {
        List<String> names = failed.stream().map(AlertDetails::indicatorName).toList();
        if (names.size() <= 1) {
            return names.isEmpty() ? "an indicator" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String indicatorName(String indicator) {
        return switch (indicator) {
            case "BOWIE_DICK" -> "the Bowie-Dick test";
            case "CHEMICAL_INDICATOR" -> "the chemical indicator";
            case "BIOLOGICAL_INDICATOR" -> "the biological indicator";
            default -> indicator;
        };
    }

    private static String number(double value) {
        return new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}

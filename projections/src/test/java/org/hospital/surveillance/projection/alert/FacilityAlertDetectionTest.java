package org.hospital.surveillance.projection.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.projection.alert.Facts.at;
import static org.hospital.surveillance.projection.alert.Facts.load;

import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.events.alert.AlertType;
import org.hospital.surveillance.events.alert.EnvironmentAlertRaised;
import org.hospital.surveillance.events.alert.SterilizationFailureAlertRaised;
import org.hospital.surveillance.events.environment.DisinfectantUse;
import org.hospital.surveillance.events.environment.EnvironmentClass;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.junit.jupiter.api.Test;

/** Environment and sterilization-failure alerts: one per non-compliant sample, one per failed load. */
class FacilityAlertDetectionTest extends AlertPlatformTest {

    @Test
    void anAirSampleAboveItsLimitRaisesOneAlertOneAtTheLimitNone() {
        platform.environmentSample(Facts.airSample("E-1", 4.0));
        platform.environmentSample(Facts.airSample("E-2", 4.5));
        platform.awaitQuiet();

        assertThat(platform.alertPayloads()).containsExactly(new EnvironmentAlertRaised("ENV-E-2", "ICU-1", "E-2",
                SampleType.AIR, 4.5, 4.0, at("2026-03-03T09:00:00Z")));
        Document alert = platform.boardAlert("ENV-E-2");
        assertThat(alert.getString("type")).isEqualTo("ENVIRONMENT");
        assertThat(alert.getString("sampleId")).isEqualTo("E-2");
        assertThat(alert.getString("wardId")).isEqualTo("ICU-1");
        assertThat(alert.getString("detail")).isEqualTo("Air (settle plate) sample E-2 in ward ICU-1, collected 2026-03-03,"
                + " measured 4.5 CFU/plate, above the limit of 4 CFU/plate: find the cause, disinfect and resample.");
    }

    @Test
    void anyGrowthWhereNoneIsAllowedRaisesAnAlert() {
        platform.environmentSample(new EnvironmentSample("E-3", "OR-2", SampleType.STERILIZED_ITEM, null, null, null, 0.0,
                at("2026-03-04T09:00:00Z")));
        platform.environmentSample(new EnvironmentSample("E-4", "OR-2", SampleType.STERILIZED_ITEM, null, null, null, 1.0,
                at("2026-03-04T09:00:00Z")));
        platform.environmentSample(new EnvironmentSample("E-5", "OR-2", SampleType.DISINFECTANT_IN_USE, null, null,
                DisinfectantUse.SKIN_MUCOSA, 10.0, at("2026-03-04T09:00:00Z")));
        platform.awaitQuiet();

        assertThat(platform.board(AlertType.ENVIRONMENT)).singleElement().satisfies(a -> {
            assertThat(a.getString("alertId")).isEqualTo("ENV-E-4");
            assertThat(a.getString("detail")).isEqualTo("Sterilized item sample E-4 in ward OR-2, collected 2026-03-04,"
                    + " grew 1 CFU where no growth is allowed: find the cause, disinfect and resample.");
        });
    }

    @Test
    void anAmendmentThatMakesASampleNonCompliantRaisesItsAlertAndOneThatUndoesItLeavesItToTheNurses() {
        platform.environmentSample(Facts.airSample("E-1", 3.0));
        platform.awaitQuiet();
        assertThat(platform.alertEvents()).isEmpty();

        platform.environmentSample(Facts.airSample("E-1", 9.0));
        platform.awaitQuiet();
        assertThat(platform.board(AlertType.ENVIRONMENT)).singleElement()
                .satisfies(a -> assertThat(a.getDouble("cfu")).isEqualTo(9.0));

        platform.environmentSample(Facts.airSample("E-1", 2.0));
        platform.environmentSample(Facts.airSample("E-1", 12.0));
        platform.awaitQuiet();
        assertThat(platform.alertEvents()).as("still the one alert, raised once").hasSize(1);
    }

    @Test
    void aSampleThatCannotBeJudgedDoesNotStopTheDetector() {
        platform.environmentSample(new EnvironmentSample("E-6", "ICU-1", SampleType.SURFACE, null, null, null, 50.0,
                at("2026-03-03T09:00:00Z")));
        platform.environmentSample(new EnvironmentSample("E-7", "ICU-1", SampleType.SURFACE, EnvironmentClass.III, null, null,
                10.5, at("2026-03-03T09:00:00Z")));
        platform.awaitQuiet();
        assertThat(platform.board()).extracting(d -> d.getString("alertId")).containsExactly("ENV-E-7");
    }

    @Test
    void aFailedChemicalIndicatorRaisesARecallAlertAtOnce() {
        platform.sterilizationLoad(load("S1-001", CycleType.PREVACUUM_STEAM, BowieDickResult.PASS, IndicatorResult.FAIL,
                BiologicalIndicatorResult.PENDING));
        platform.sterilizationLoad(load("S1-002", CycleType.PREVACUUM_STEAM, BowieDickResult.PASS, IndicatorResult.PASS,
                BiologicalIndicatorResult.PASS));
        platform.awaitQuiet();

        assertThat(platform.alertPayloads()).containsExactly(new SterilizationFailureAlertRaised("STER-S1-001", "S1-001", "S1",
                List.of("CHEMICAL_INDICATOR"), at("2026-03-02T07:00:00Z")));
        assertThat(platform.boardAlert("STER-S1-001").getString("detail")).isEqualTo("Load S1-001 of sterilizer S1,"
                + " completed 2026-03-02, failed the chemical indicator: recall its items, they must not reach clinical departments.");
    }

    @Test
    void aBiologicalIndicatorFailingDaysLaterRaisesTheAlertThenAndAPassNever() {
        platform.sterilizationLoad(load("S1-010", CycleType.PREVACUUM_STEAM, BowieDickResult.PASS, IndicatorResult.PASS,
                BiologicalIndicatorResult.PENDING));
        platform.sterilizationLoad(load("S1-011", CycleType.PREVACUUM_STEAM, BowieDickResult.PASS, IndicatorResult.PASS,
                BiologicalIndicatorResult.PENDING));
        platform.awaitQuiet();
        assertThat(platform.alertEvents()).as("pending is not a failure").isEmpty();

        platform.biologicalReading("S1-010", IndicatorResult.FAIL, at("2026-03-04T07:00:00Z"));
        platform.biologicalReading("S1-011", IndicatorResult.PASS, at("2026-03-04T07:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.alertPayloads()).containsExactly(new SterilizationFailureAlertRaised("STER-S1-010", "S1-010", "S1",
                List.of("BIOLOGICAL_INDICATOR"), at("2026-03-02T07:00:00Z")));
        assertThat(platform.boardAlert("STER-S1-010").getString("loadId")).isEqualTo("S1-010");
    }

    @Test
    void aLoadAmendedAfterItsLateReadingKeepsTheReading() {
        platform.sterilizationLoad(load("S1-020", CycleType.PREVACUUM_STEAM, BowieDickResult.PASS, IndicatorResult.PASS,
                BiologicalIndicatorResult.PENDING));
        platform.biologicalReading("S1-020", IndicatorResult.FAIL, at("2026-03-04T07:00:00Z"));
        platform.sterilizationLoad(load("S1-020", CycleType.PREVACUUM_STEAM, BowieDickResult.FAIL, IndicatorResult.PASS,
                BiologicalIndicatorResult.PENDING));
        platform.awaitQuiet();
        assertThat(platform.alertPayloads()).containsExactly(new SterilizationFailureAlertRaised("STER-S1-020", "S1-020", "S1",
                List.of("BIOLOGICAL_INDICATOR"), at("2026-03-02T07:00:00Z")));
    }

    @Test
    void aMissingBowieDickTestFailsOnlyAPrevacuumLoad() {
        platform.sterilizationLoad(load("S2-001", CycleType.GRAVITY_STEAM, BowieDickResult.NOT_DONE, IndicatorResult.PASS,
                BiologicalIndicatorResult.PASS));
        platform.sterilizationLoad(load("S1-030", CycleType.PREVACUUM_STEAM, BowieDickResult.NOT_DONE, IndicatorResult.FAIL,
                BiologicalIndicatorResult.PASS));
        platform.awaitQuiet();
        assertThat(platform.board()).singleElement().satisfies(a -> {
            assertThat(a.getString("alertId")).isEqualTo("STER-S1-030");
            assertThat(a.getList("failedIndicators", String.class)).containsExactly("BOWIE_DICK", "CHEMICAL_INDICATOR");
            assertThat(a.getString("detail")).contains("failed the Bowie-Dick test and the chemical indicator");
        });
    }
}

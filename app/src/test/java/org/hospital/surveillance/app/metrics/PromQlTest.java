package org.hospital.surveillance.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric-name reader the dashboard and rule checks rely on: if it missed names, those checks would prove nothing. */
class PromQlTest {

    @Test
    void findsMetricsButNotFunctionsKeywordsLabelsOrNumbers() {
        assertThat(PromQl.metricNames(
                "sum by (type, ward) (surveillance_alerts_open{type=\"CLUSTER\", ward=~\"$ward|none\"}) > 0"))
                .containsExactly("surveillance_alerts_open");
        assertThat(PromQl.metricNames("surveillance_environment_compliance_ratio < surveillance_environment_compliance_target_ratio"))
                .containsExactly("surveillance_environment_compliance_ratio", "surveillance_environment_compliance_target_ratio");
        assertThat(PromQl.metricNames("sum by (payloadType) (rate(commandBus_allTimer_seconds_sum[5m])) / "
                + "sum by (payloadType) (rate(commandBus_allTimer_seconds_count[5m]))"))
                .containsExactly("commandBus_allTimer_seconds_count", "commandBus_allTimer_seconds_sum");
        assertThat(PromQl.metricNames("count(a_metric < on(ward) group_left(sample_type) b_metric) or vector(0)"))
                .containsExactly("a_metric", "b_metric");
        assertThat(PromQl.metricNames("max by (processor) (surveillance_processor_lag_seconds) > 1e3 and x_total offset 5m"))
                .containsExactly("surveillance_processor_lag_seconds", "x_total");
        assertThat(PromQl.metricNames("absent(up{job=\"infection-surveillance\"})")).containsExactly("up");
        assertThat(PromQl.metricNames("label_values(surveillance_patient_days, ward)")).containsExactly("surveillance_patient_days");
    }
}

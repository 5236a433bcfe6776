package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hospital.surveillance.query.alert.AlertQueryController;
import org.hospital.surveillance.query.alert.AlertView;

/**
 * Alerts on the board by type and ward: {@code surveillance_alerts_open} (nobody has acted yet) and
 * {@code surveillance_alerts_acknowledged} (a nurse is on it, not closed). Read through the same
 * path as {@code GET /api/alerts}; only the type, ward and status of each alert are used, never its
 * patients. Every (type, ward) that has ever had an alert keeps a row, at 0 once its alerts are
 * dealt with, so a graph shows the drop instead of a vanishing line. Sterilization failures belong
 * to a sterilizer, not a ward: their ward is {@code none}. Not tied to the month: an alert raised
 * last month and still open is open.
 */
final class AlertIndicators implements Indicator.Source {

    static final String OPEN = "surveillance.alerts.open";
    static final String ACKNOWLEDGED = "surveillance.alerts.acknowledged";
    static final String NO_WARD = "none";

    private final AlertQueryController alerts;
    private final Duration timeout;

    AlertIndicators(AlertQueryController alerts, Duration timeout) {
        this.alerts = alerts;
        this.timeout = timeout;
    }

    @Override
    public List<Indicator> read(YearMonth month) {
        Map<Tags, long[]> counts = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (AlertView alert : Indicator.Source.rows(alerts.wholeBoard(), timeout)) {
            String ward = alert.wardId() == null || alert.wardId().isBlank() ? NO_WARD : alert.wardId();
            long[] count = counts.computeIfAbsent(Tags.of("type", alert.type(), "ward", ward), tags -> new long[2]);
            if ("OPEN".equals(alert.status())) {
                count[0]++;
            } else if ("ACKNOWLEDGED".equals(alert.status())) {
                count[1]++;
            }
        }
        List<Indicator> indicators = new ArrayList<>();
        counts.forEach((tags, count) -> {
            indicators.add(new Indicator(OPEN, "Alerts on the board that nobody has acknowledged yet", tags, count[0]));
            indicators.add(new Indicator(ACKNOWLEDGED, "Alerts acknowledged and not yet closed", tags, count[1]));
        });
        return indicators;
    }
}

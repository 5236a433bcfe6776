package org.hospital.surveillance.app.figures;

import java.util.ArrayList;
import java.util.List;

/** Summary of measured latencies, for the test report. */
final class FigureLatency {

    private FigureLatency() {
    }

    static String summary(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return "n=" + sorted.size() + " min=" + sorted.get(0) + " median=" + sorted.get(sorted.size() / 2)
                + " p90=" + sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1) + " max=" + sorted.get(sorted.size() - 1);
    }
}

package org.hospital.surveillance.app.metrics;

import java.util.List;
import java.util.Map;
import org.hospital.surveillance.events.StreamKeys;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The streams facts arrive in, as the value of a metric's {@code stream} tag. The names are the
 * aggregate-identifier prefixes ({@code events/.../StreamKeys}: {@code lab-result:L-001}), so an accepted event
 * and a rejected request of the same stream carry the same tag. A fixed list keeps the tag's
 * cardinality bounded: anything unknown is {@code other}, never the identifier itself (which may
 * name a patient's specimen).
 */
final class FactStreams {

    static final String OTHER = "other";
    static final List<String> ALL = StreamKeys.ALL;

    /** The write paths (POST) of the write API (docs/write-api.md), by stream. */
    private static final Map<PathPattern, String> WRITE_PATHS = writePaths();

    private FactStreams() {
    }

    /** {@code lab-result:L-001} -> {@code lab-result}. */
    static String ofAggregate(String aggregateIdentifier) {
        if (aggregateIdentifier == null) {
            return OTHER;
        }
        int colon = aggregateIdentifier.indexOf(':');
        String prefix = colon < 0 ? aggregateIdentifier : aggregateIdentifier.substring(0, colon);
        return ALL.contains(prefix) ? prefix : OTHER;
    }

    /** The stream a request writes to, or {@code null} when it is not a write of the write API. */
    static String ofWrite(HttpMethod method, PathContainer path) {
        if (!HttpMethod.POST.equals(method)) {
            return null;
        }
        for (Map.Entry<PathPattern, String> entry : WRITE_PATHS.entrySet()) {
            if (entry.getKey().matches(path)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static Map<PathPattern, String> writePaths() {
        PathPatternParser parser = new PathPatternParser();
        return Map.of(
                parser.parse("/api/ward-census"), "ward-census",
                parser.parse("/api/lab-results"), "lab-result",
                parser.parse("/api/environment-samples"), "environment-sample",
                parser.parse("/api/sterilization-loads"), "sterilization-load",
                parser.parse("/api/sterilization-loads/{loadId}/biological-indicator"), "sterilization-load",
                parser.parse("/api/case-reports"), "case-report",
                parser.parse("/api/case-reports/{caseId}/retraction"), "case-report",
                parser.parse("/api/alerts/{alertId}/acknowledge"), "alert",
                parser.parse("/api/alerts/{alertId}/close"), "alert");
    }
}

package org.hospital.surveillance.query.board;

import java.time.Clock;
import java.util.Map;
import org.hospital.surveillance.blocking.Uninterrupted;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.rates.RateTargets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/board}: what the alert board page needs besides the figures, so it follows the
 * hospital's settings rather than the browser's: the current month in the hospital's time zone
 * (a browser in another zone, or near midnight on the last day, would pick another month) and the
 * HAI incidence target, which the rates answer does not carry (compliance rows carry theirs);
 * and {@code parked}, how many facts each figure projection could not apply ({@link ParkedFacts}),
 * so the page can say its figures are incomplete (issue 13; counts only, never a fact's key).
 */
@RestController
class BoardContextController {

    /** The hospital's calendar and the targets the page highlights misses against. */
    record BoardContext(String month, String timeZone, double haiIncidencePercentBelow, Map<String, Long> parked) {
    }

    private final HospitalCalendar calendar;
    private final RateTargets rateTargets;
    private final Clock clock;
    private final ParkedFacts parked;

    BoardContextController(HospitalCalendar calendar, RateTargets rateTargets, ObjectProvider<Clock> clock,
                           ObjectProvider<ParkedFacts> parked) {
        this.calendar = calendar;
        this.rateTargets = rateTargets;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.parked = parked.getIfAvailable(() -> Map::of);
    }

    @GetMapping("/api/board")
    Mono<BoardContext> context() {
        // The parked counts may come from a JDBC table: off the event loop.
        return Uninterrupted.call(() -> new BoardContext(calendar.monthOf(clock.instant()).toString(),
                calendar.zone().getId(), rateTargets.haiIncidencePercentBelow(), parked.parkedByProjection()));
    }
}

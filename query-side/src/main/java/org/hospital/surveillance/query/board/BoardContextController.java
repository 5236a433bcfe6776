package org.hospital.surveillance.query.board;

import java.time.Clock;
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
 * HAI incidence target, which the rates answer does not carry (compliance rows carry theirs).
 */
@RestController
class BoardContextController {

    /** The hospital's calendar and the targets the page highlights misses against. */
    record BoardContext(String month, String timeZone, double haiIncidencePercentBelow) {
    }

    private final HospitalCalendar calendar;
    private final RateTargets rateTargets;
    private final Clock clock;

    BoardContextController(HospitalCalendar calendar, RateTargets rateTargets, ObjectProvider<Clock> clock) {
        this.calendar = calendar;
        this.rateTargets = rateTargets;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/board")
    Mono<BoardContext> context() {
        return Mono.fromSupplier(() -> new BoardContext(calendar.monthOf(clock.instant()).toString(),
                calendar.zone().getId(), rateTargets.haiIncidencePercentBelow()));
    }
}

package org.hospital.surveillance.query.whatif;

import java.time.Instant;
import java.util.List;
import org.hospital.surveillance.blocking.Uninterrupted;
import org.hospital.surveillance.projection.history.EventHistoryReader;
import org.hospital.surveillance.projection.history.HistoryQuery;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.cluster.ClusterRule;
import org.hospital.surveillance.rules.cluster.ClusterSettings;
import org.hospital.surveillance.rules.labresult.HospitalOnsetRule;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/what-if/clusters}: the cluster alerts another rule would have raised for a
 * period, and how they compare with the alerts the live rule raised. Computed from the event
 * history in one read (the facts and the live alert events of the same snapshot) into a scratch
 * result: nothing is written to a read model and no command is sent.
 */
@RestController
class WhatIfController {

    private final EventHistoryReader history;
    private final HospitalOnsetRule onsetRule;
    private final HospitalCalendar calendar;
    private final ClusterSettings liveSettings;
    private final ClusterRule liveRule;

    WhatIfController(EventHistoryReader history, HospitalOnsetRule onsetRule, HospitalCalendar calendar,
                     ClusterSettings liveSettings, ClusterRule liveRule) {
        this.history = history;
        this.onsetRule = onsetRule;
        this.calendar = calendar;
        this.liveSettings = liveSettings;
        this.liveRule = liveRule;
    }

    /** The question as answered (defaults filled in), the live rule it is compared with, the alerts and the comparison. */
    record Answer(Rule rule, Rule liveRule, List<WhatIfAlert> alerts, ClusterComparison comparison) {
    }

    record Rule(Instant from, Instant to, int windowDays, int threshold, WhatIfQuestion.Match match,
                WhatIfQuestion.Scope scope) {
    }

    @PostMapping("/api/what-if/clusters")
    Mono<Answer> clusters(@RequestBody Mono<WhatIfRequest> body) {
        return body.flatMap(request -> answer(request.question(liveSettings)));
    }

    /**
     * One read of the types the fold needs (the database leaves the others out), off the event loop;
     * a client that hangs up stops it at the next event, without an interrupt.
     */
    private Mono<Answer> answer(WhatIfQuestion question) {
        return Uninterrupted.stream(() -> history.messages(HistoryQuery.ofTypes(ClusterHistory.TYPES)))
                .reduceWith(() -> new ClusterHistory(onsetRule, question::inPeriod), ClusterHistory::apply)
                .map(facts -> {
                    List<WhatIfAlert> alerts = WhatIfClusters.of(question, facts.cases(), calendar);
                    return new Answer(
                            new Rule(question.from(), question.to(), question.settings().windowDays(),
                                    question.settings().threshold(), question.match(), question.scope()),
                            new Rule(question.from(), question.to(), liveSettings.windowDays(), liveSettings.threshold(),
                                    WhatIfQuestion.Match.ORGANISM_AND_PHENOTYPE, WhatIfQuestion.Scope.WARD),
                            alerts,
                            ClusterComparison.of(question, alerts, facts.liveAlerts(), liveRule, calendar));
                });
    }
}

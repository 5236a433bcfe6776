package org.hospital.surveillance.app.figures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One write through the public API. {@code fact} is the fact's stream key: submissions of one fact
 * must keep their order (the second post of a key is an amendment of the first), submissions of
 * different facts may come in any order.
 */
record Submission(String fact, String path, Map<String, Object> body, boolean first) {

    /**
     * A random interleaving of the submissions that keeps each fact's own order: a late census,
     * a sample of the 1st posted after one of the 31st, a reading before other loads' records.
     */
    static List<Submission> shuffledKeepingEachFactsOrder(List<Submission> submissions, long seed) {
        Map<String, List<Submission>> byFact = new LinkedHashMap<>();
        submissions.forEach(s -> byFact.computeIfAbsent(s.fact(), f -> new ArrayList<>()).add(s));
        List<List<Submission>> queues = new ArrayList<>(byFact.values().stream().map(ArrayList::new).toList());
        Random random = new Random(seed);
        List<Submission> shuffled = new ArrayList<>();
        while (!queues.isEmpty()) {
            int pick = random.nextInt(queues.size());
            List<Submission> queue = queues.get(pick);
            shuffled.add(queue.remove(0));
            if (queue.isEmpty()) {
                queues.remove(pick);
            }
        }
        return shuffled;
    }
}

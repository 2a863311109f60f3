package dev.chathooks.cli.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the calls one hook got for one stream of events (a conversation's events of one input topic, in the order
 * the chat server wrote them) against at-least-once delivery in order:
 * <ul>
 *   <li>every event is called at least once;</li>
 *   <li>the first call of each event but the first comes right after a call of the event before it. So events
 *       are first called in the chat server's order, none before every earlier one was called; a call that is not
 *       a first call is a redelivery of an event already called (after a crash or a rebalance a hook sees again
 *       the events from its last committed point, in order).</li>
 * </ul>
 * Calls of events not in the stream are violations too.
 */
final class CallOrder {
    private CallOrder() {}

    /**
     * The verdict on one stream.
     *
     * @param events events in the stream
     * @param calls calls made for them
     * @param duplicates calls beyond the first of each event
     * @param missing events never called
     * @param violations descriptions of calls out of order or of unknown events
     */
    record Verdict(int events, int calls, int duplicates, List<String> missing, List<String> violations) {
        boolean inOrderAndComplete() {
            return missing.isEmpty() && violations.isEmpty();
        }
    }

    /** The verdict for {@code calls} (event ids in the order the calls were made) against {@code expected}. */
    static Verdict check(List<String> expected, List<String> calls) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            position.put(expected.get(i), i);
        }
        Set<Integer> called = new HashSet<>();
        List<String> violations = new ArrayList<>();
        int previous = -1;
        for (int k = 0; k < calls.size(); k++) {
            Integer index = position.get(calls.get(k));
            if (index == null) {
                violations.add("call " + k + " is of " + calls.get(k) + ", not an event of this stream");
                continue;
            }
            boolean first = called.add(index);
            if (first && index > 0 && previous != index - 1) {
                violations.add("call " + k + " is the first of " + calls.get(k) + " (event " + index + "), but the call"
                        + " before it was " + (previous < 0 ? "none" : "of event " + previous) + ", not event "
                        + (index - 1));
            }
            previous = index;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!called.contains(i)) {
                missing.add(expected.get(i));
            }
        }
        int known = (int) calls.stream().filter(position::containsKey).count();
        return new Verdict(expected.size(), calls.size(), known - called.size(), missing, violations);
    }
}

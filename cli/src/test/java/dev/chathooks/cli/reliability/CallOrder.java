package dev.chathooks.cli.reliability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the calls one hook got for one stream of events (a conversation's events of one input topic, as the topic
 * holds them) against at-least-once delivery in order:
 * <ul>
 *   <li>every event is called at least once;</li>
 *   <li>the first call of each event but the first comes right after a call of the record before the event's first
 *       record in the stream. So events are first called in the topic's order, none before every earlier one was
 *       called; a call that is not a first call is a redelivery of an event already called (after a crash or a
 *       rebalance a hook sees again the events from its last committed point, in order), or the call of a copy the
 *       chat server wrote again.</li>
 * </ul>
 * A stream may hold an event more than once: a chat server that writes a chunk again after its producer gave up on
 * part of it writes again the records of it that did land. Chat Hooks calls each record as the topic holds it, so the
 * record before an event's first record may be such a copy of an earlier event. Calls of events not in the stream
 * are violations too.
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

    /**
     * The verdict for {@code calls} (event ids in the order the calls were made) against {@code written} (the
     * stream's event ids in the order its records are written, an event written again included).
     */
    static Verdict check(List<String> written, List<String> calls) {
        Map<String, Integer> firstRecord = new LinkedHashMap<>();
        for (int i = 0; i < written.size(); i++) {
            firstRecord.putIfAbsent(written.get(i), i);
        }
        Set<String> called = new HashSet<>();
        List<String> violations = new ArrayList<>();
        String previous = null;
        for (int k = 0; k < calls.size(); k++) {
            String event = calls.get(k);
            Integer record = firstRecord.get(event);
            if (record == null) {
                violations.add("call " + k + " is of " + event + ", not an event of this stream");
                continue;
            }
            if (called.add(event) && record > 0 && !written.get(record - 1).equals(previous)) {
                violations.add("call " + k + " is the first of " + event + " (record " + record + "), but the call"
                        + " before it was " + (previous == null ? "none" : "of " + previous) + ", not of "
                        + written.get(record - 1) + " (record " + (record - 1) + ")");
            }
            previous = event;
        }
        List<String> missing = new ArrayList<>();
        for (String event : firstRecord.keySet()) {
            if (!called.contains(event)) {
                missing.add(event);
            }
        }
        int known = (int) calls.stream().filter(firstRecord::containsKey).count();
        return new Verdict(firstRecord.size(), calls.size(), known - called.size(), missing, violations);
    }
}

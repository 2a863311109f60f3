package dev.chathooks.cli.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The at-least-once and order verdict for one hook over a whole {@link ChatLoad}: {@link CallOrder} applied to every
 * stream, summed up.
 *
 * @param hook the hook
 * @param events the events, each expecting a call
 * @param calls the calls made
 * @param duplicates calls beyond the first of each event
 * @param missing events never called (the first few)
 * @param missingCount how many events were never called
 * @param violations order violations (the first few)
 * @param violationCount how many order violations there were
 */
record DeliveryCheck(
        String hook,
        int events,
        int calls,
        int duplicates,
        List<String> missing,
        int missingCount,
        List<String> violations,
        int violationCount) {
    private static final int SHOWN = 10;

    /** Checks {@code calls} (those of {@code hook}, in the order they were made) against {@code load}. */
    static DeliveryCheck of(String hook, ChatLoad load, List<Call> calls) {
        return of(hook, load, load.streams(), calls);
    }

    /**
     * Checks {@code calls} against {@code load}'s events as {@code written} holds each stream (see
     * {@link ChatLoad#writtenStreams}).
     */
    static DeliveryCheck of(String hook, ChatLoad load, Map<String, List<String>> written, List<Call> calls) {
        Map<String, List<String>> observed = CallLog.byStream(calls, load.streamOfEvent());
        List<String> missing = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        int duplicates = 0;
        int missingCount = 0;
        int violationCount = 0;
        for (Map.Entry<String, List<String>> stream : written.entrySet()) {
            CallOrder.Verdict verdict =
                    CallOrder.check(stream.getValue(), observed.getOrDefault(stream.getKey(), List.of()));
            duplicates += verdict.duplicates();
            missingCount += verdict.missing().size();
            violationCount += verdict.violations().size();
            verdict.missing().stream().limit(SHOWN - missing.size()).forEach(missing::add);
            if (!verdict.violations().isEmpty() && violations.size() < SHOWN) {
                // What the stream holds and what was called, so that a failure can be read without a rerun.
                violations.add(stream.getKey() + ": " + verdict.violations().get(0) + " (written: " + stream.getValue()
                        + "; called: " + observed.getOrDefault(stream.getKey(), List.of()) + ")");
            }
            verdict.violations().stream()
                    .skip(1)
                    .limit(SHOWN - violations.size())
                    .forEach(violation -> violations.add(stream.getKey() + ": " + violation));
        }
        for (String stream : observed.keySet()) {
            if (!written.containsKey(stream)) {
                violationCount += observed.get(stream).size();
                if (violations.size() < SHOWN) {
                    violations.add("calls of events the load does not have: " + stream);
                }
            }
        }
        return new DeliveryCheck(
                hook, load.size(), calls.size(), duplicates, missing, missingCount, violations, violationCount);
    }

    /** Duplicates as a percentage of the events. */
    String duplicatePercent() {
        return String.format(java.util.Locale.ROOT, "%.2f%%", 100.0 * duplicates / events);
    }
}

package dev.chathooks.cli.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one instance's fault did to the conversations it held (those whose last call before the fault it
 * made): how long each went without a call, and the calls made again after the fault.
 */
record Outage(int conversations, long longestGap, long lastResumed, Set<String> unresumed, long duplicates) {
    /**
     * Polls {@code calls} until every conversation {@code instance} held at {@code faultAt} has had a call since, or
     * until {@code watch} after the fault, then for {@code catchUp} more, and measures the outage.
     */
    static Outage after(TimedCalls calls, String instance, long faultAt, Duration watch, Duration catchUp)
            throws InterruptedException {
        long deadline = faultAt + watch.toNanos();
        while (System.nanoTime() < deadline && !resumed(calls.poll(), instance, faultAt)) {
            calls.pollFor(Duration.ofMillis(100));
        }
        // The calls made again come as the new owners catch up: within catchUp of resuming.
        calls.pollFor(catchUp);
        List<TimedCalls.TimedCall> all = calls.poll();
        Map<String, TimedCalls.TimedCall> lastBefore = new HashMap<>();
        Map<String, TimedCalls.TimedCall> firstAfter = new HashMap<>();
        Set<String> eventsBefore = new java.util.HashSet<>();
        long duplicates = 0;
        Set<String> eventsAfter = new java.util.HashSet<>();
        for (TimedCalls.TimedCall call : all) {
            if (call.seenAt() <= faultAt) {
                lastBefore.put(call.conversation(), call);
                eventsBefore.add(call.call().eventId());
            } else {
                firstAfter.putIfAbsent(call.conversation(), call);
                boolean again = eventsBefore.contains(call.call().eventId())
                        || !eventsAfter.add(call.call().eventId());
                duplicates += again ? 1 : 0;
            }
        }
        Set<String> held = lastBefore.entrySet().stream()
                .filter(entry -> entry.getValue().instance().equals(instance))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        long longestGap = 0;
        long lastResumed = 0;
        Set<String> unresumed = new java.util.TreeSet<>();
        for (String conversation : held) {
            TimedCalls.TimedCall next = firstAfter.get(conversation);
            if (next == null) {
                unresumed.add(conversation);
                continue;
            }
            longestGap = Math.max(
                    longestGap, next.seenAt() - lastBefore.get(conversation).seenAt());
            lastResumed = Math.max(lastResumed, next.seenAt() - faultAt);
        }
        return new Outage(held.size(), longestGap, lastResumed, unresumed, duplicates);
    }

    /** Whether every conversation {@code instance} held at {@code faultAt} has had a call since. */
    private static boolean resumed(List<TimedCalls.TimedCall> all, String instance, long faultAt) {
        Map<String, String> lastCaller = new HashMap<>();
        Set<String> calledAfter = new java.util.HashSet<>();
        for (TimedCalls.TimedCall call : all) {
            if (call.seenAt() <= faultAt) {
                lastCaller.put(call.conversation(), call.instance());
            } else {
                calledAfter.add(call.conversation());
            }
        }
        return lastCaller.entrySet().stream()
                .filter(entry -> entry.getValue().equals(instance))
                .allMatch(entry -> calledAfter.contains(entry.getKey()));
    }
}

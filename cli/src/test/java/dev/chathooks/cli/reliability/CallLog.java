package dev.chathooks.cli.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The calls hooks in this JVM made, in the order they were made. Thread-safe. */
final class CallLog {
    private final List<Call> calls = new ArrayList<>();

    synchronized void add(Call call) {
        calls.add(call);
    }

    /** A copy of every call so far. */
    synchronized List<Call> all() {
        return new ArrayList<>(calls);
    }

    /** The calls of {@code hook} so far, in order. */
    List<Call> of(String hook) {
        return all().stream().filter(call -> call.hook().equals(hook)).toList();
    }

    /** How many calls {@code hook} made. */
    int count(String hook) {
        return of(hook).size();
    }

    /** How many calls {@code hook} made that match. */
    int count(String hook, Predicate<Call> filter) {
        return (int) of(hook).stream().filter(filter).count();
    }

    /** The distinct event ids {@code hook} was called for. */
    Set<String> eventIds(String hook) {
        return of(hook).stream().map(Call::eventId).collect(Collectors.toSet());
    }

    /** Per stream of {@code streamOfEvent}, the event ids {@code hook} was called for, in call order. */
    static Map<String, List<String>> byStream(List<Call> calls, Map<String, String> streamOfEvent) {
        Map<String, List<String>> streams = new TreeMap<>();
        for (Call call : calls) {
            String stream = streamOfEvent.getOrDefault(call.eventId(), "unknown " + call.conversationId());
            streams.computeIfAbsent(stream, key -> new ArrayList<>()).add(call.eventId());
        }
        return streams;
    }
}

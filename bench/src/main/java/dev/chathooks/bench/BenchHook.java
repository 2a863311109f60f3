package dev.chathooks.bench;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The no-op hook the pipeline is measured with: a {@link ChatHook} (the kind most hooks are) with every callback,
 * whose only work is counting, noting the times of the first and last call, and telling the {@link LatencyProbe}.
 */
final class BenchHook implements ChatHook {
    private final LatencyProbe latency;
    private final LongAdder calls = new LongAdder();
    private final AtomicLong markerCalls = new AtomicLong();
    private final int markersPerPhase;
    /** When the first and the last end marker of each phase were called ({@link System#nanoTime()}), by phase. */
    private final Map<String, long[]> phaseMarkers = new ConcurrentHashMap<>();

    private final AtomicLong firstCallNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastCallNanos = new AtomicLong(Long.MIN_VALUE);

    /** @param markersPerPhase the end-marker calls of one phase ({@link EndMarkers#callsPerPhase}) */
    BenchHook(LatencyProbe latency, int markersPerPhase) {
        this.latency = latency;
        this.markersPerPhase = markersPerPhase;
    }

    @Override
    public String name() {
        return "bench-no-op";
    }

    /** Counts a call for {@code event}; the callbacks' one job. */
    void called(EventInfo event) {
        long now = System.nanoTime();
        firstCallNanos.accumulateAndGet(now, Math::min);
        lastCallNanos.accumulateAndGet(now, Math::max);
        latency.called(event.id());
        if (EndMarkers.isEndMarker(event.id())) {
            phaseMarkers.merge(EndMarkers.phaseOf(event.id()), new long[] {now, now, 1}, (seen, next) ->
                    new long[] {Math.min(seen[0], now), Math.max(seen[1], now), seen[2] + 1});
            markerCalls.incrementAndGet();
        }
        calls.increment();
    }

    /** Calls made so far. */
    long calls() {
        return calls.sum();
    }

    /** Calls for end markers made so far. */
    long markerCalls() {
        return markerCalls.get();
    }

    /**
     * When the last of the phase's end markers was called ({@link System#nanoTime()}): every partition had been
     * processed to the phase's end. Partitions are processed side by side and some run ahead, so by then some may
     * be well into the next phase.
     *
     * @throws IllegalStateException if they have not all been called yet
     */
    long phaseEndNanos(String phase) {
        return markers(phase)[1];
    }

    /** When the first of the phase's end markers was called: the first partition had been processed to its end. */
    long phaseFirstEndNanos(String phase) {
        return markers(phase)[0];
    }

    private long[] markers(String phase) {
        long[] markers = phaseMarkers.get(phase);
        if (markers == null || markers[2] < markersPerPhase) {
            throw new IllegalStateException("phase " + phase + " has not ended");
        }
        return markers;
    }

    /** When the first call was made ({@link System#nanoTime()}). */
    long firstCallNanos() {
        return firstCallNanos.get();
    }

    /** When the last call so far was made ({@link System#nanoTime()}). */
    long lastCallNanos() {
        return lastCallNanos.get();
    }

    /** Seconds from the first to the last call since the last reset. */
    double secondsFromFirstToLastCall() {
        return (lastCallNanos.get() - firstCallNanos.get()) / 1e9;
    }

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants, EventInfo event) {
        called(event);
    }

    @Override
    public void afterMessageUpdated(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        called(event);
    }

    @Override
    public void afterMessageDeleted(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        called(event);
    }

    @Override
    public void typingStarted(
            Conversation conversation, List<User> participants, List<TypingEvent> events, EventInfo event) {
        called(event);
    }

    @Override
    public void afterConversationCreated(Conversation conversation, List<User> participants, EventInfo event) {
        called(event);
    }

    @Override
    public void afterConversationUpdated(Conversation conversation, List<User> participants, EventInfo event) {
        called(event);
    }

    @Override
    public void afterConversationDeleted(Conversation conversation, List<User> participants, EventInfo event) {
        called(event);
    }

    @Override
    public void afterUsersAddedToConversation(
            Conversation conversation, List<User> participants, List<User> newUsers, EventInfo event) {
        called(event);
    }

    @Override
    public void afterUsersRemovedFromConversation(
            Conversation conversation, List<User> participants, List<User> oldUsers, EventInfo event) {
        called(event);
    }
}

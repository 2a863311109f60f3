package dev.chathooks.bench;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The no-op hook the pipeline is measured with: a {@link ChatHook} (the kind most hooks are) with every callback,
 * whose only work is counting, noting the times of the first and last call, and telling the {@link LatencyProbe}.
 */
final class BenchHook implements ChatHook {
    private final LatencyProbe latency;
    private final LongAdder calls = new LongAdder();
    private final LongAdder markerCalls = new LongAdder();
    private final AtomicLong firstCallNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastCallNanos = new AtomicLong(Long.MIN_VALUE);

    BenchHook(LatencyProbe latency) {
        this.latency = latency;
    }

    @Override
    public String name() {
        return "bench-no-op";
    }

    private void called(EventInfo event) {
        long now = System.nanoTime();
        firstCallNanos.accumulateAndGet(now, Math::min);
        lastCallNanos.accumulateAndGet(now, Math::max);
        latency.called(event.id());
        if (EndMarkers.isEndMarker(event.id())) {
            markerCalls.increment();
        }
        calls.increment();
    }

    /** Calls made so far. */
    long calls() {
        return calls.sum();
    }

    /** Calls for end markers made so far. */
    long markerCalls() {
        return markerCalls.sum();
    }

    /** Forgets the first and last call, for the next phase. */
    void resetTimes() {
        firstCallNanos.set(Long.MAX_VALUE);
        lastCallNanos.set(Long.MIN_VALUE);
    }

    /** When the first call since the last reset was made ({@link System#nanoTime()}). */
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
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants,
                                 EventInfo event) {
        called(event);
    }

    @Override
    public void afterMessageUpdated(Message message, Conversation conversation, List<User> participants,
                                    EventInfo event) {
        called(event);
    }

    @Override
    public void afterMessageDeleted(Message message, Conversation conversation, List<User> participants,
                                    EventInfo event) {
        called(event);
    }

    @Override
    public void typingStarted(Conversation conversation, List<User> participants, List<TypingEvent> events,
                              EventInfo event) {
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
    public void afterUsersAddedToConversation(Conversation conversation, List<User> participants,
                                              List<User> newUsers, EventInfo event) {
        called(event);
    }

    @Override
    public void afterUsersRemovedFromConversation(Conversation conversation, List<User> participants,
                                                  List<User> oldUsers, EventInfo event) {
        called(event);
    }
}

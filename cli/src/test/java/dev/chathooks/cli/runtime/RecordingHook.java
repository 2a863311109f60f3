package dev.chathooks.cli.runtime;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records the event id of every after_message_sent call it gets, into a queue that may be shared. */
final class RecordingHook implements ChatHook {
    private final String name;
    private final Queue<String> calls;
    private final Duration delay;

    RecordingHook(String name, Queue<String> calls, Duration delay) {
        this.name = name;
        this.calls = calls;
        this.delay = delay;
    }

    RecordingHook(String name) {
        this(name, new ConcurrentLinkedQueue<>(), Duration.ZERO);
    }

    Queue<String> calls() {
        return calls;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants, EventInfo event)
            throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
        calls.add(event.id());
    }
}

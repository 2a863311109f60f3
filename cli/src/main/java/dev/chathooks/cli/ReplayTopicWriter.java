package dev.chathooks.cli;

import dev.chathooks.api.TopicWriter;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/** In a replay there is no broker: records hooks write are counted and reported, not kept. */
final class ReplayTopicWriter implements TopicWriter {
    private final String topic;
    private final PrintWriter err;
    private final AtomicLong written = new AtomicLong();

    ReplayTopicWriter(String topic, PrintWriter err) {
        this.topic = topic;
        this.err = err;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public CompletionStage<Void> send(String key, Map<String, ?> value) {
        if (written.incrementAndGet() == 1) {
            err.println("A hook wrote to topic " + topic + "; a replay has no broker, so such records are not kept.");
        }
        return CompletableFuture.completedFuture(null);
    }
}

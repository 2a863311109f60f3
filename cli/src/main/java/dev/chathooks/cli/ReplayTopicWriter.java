package dev.chathooks.cli;

import dev.chathooks.api.TopicWriter;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.devtools.dump.JsonLinesWriter;
import dev.chathooks.processor.json.HookRecordValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In a replay there is no broker: the records hooks write go, as topic dump lines, to the file of
 * {@code --hook-writes} (which {@code load} can write into live topics), or are counted and reported when no file
 * is given. One instance per topic; they share the file and the count.
 */
final class ReplayTopicWriter implements TopicWriter {
    /** The replay's hook writes: the file (null: none) and how many records went to it. */
    static final class Sink {
        /** Set before the hooks start, which is when they get their writers. */
        private JsonLinesWriter file;

        private final PrintWriter err;
        private final Clock clock;
        private final AtomicLong written = new AtomicLong();

        Sink(PrintWriter err, Clock clock) {
            this.err = err;
            this.clock = clock;
        }

        /** Keeps the records in {@code file} (null: counts them only); returns it, for try-with-resources. */
        JsonLinesWriter keepIn(JsonLinesWriter file) {
            this.file = file;
            return file;
        }

        TopicWriter writer(String topic) {
            return new ReplayTopicWriter(topic, this);
        }

        /** How many records hooks wrote. */
        long written() {
            return written.get();
        }

        private void write(String topic, String key, Map<String, ?> value) {
            byte[] bytes = HookRecordValues.encode(value);
            long count = written.incrementAndGet();
            if (file == null) {
                if (count == 1) {
                    err.println("A hook wrote to topic " + topic + "; a replay has no broker, so such records are"
                            + " not kept: --hook-writes FILE keeps them.");
                }
                return;
            }
            // The time of writing, as the producer would give it in a run.
            DumpRecord record = new DumpRecord(topic, key, clock.millis(), bytes, Map.of());
            synchronized (file) {
                try {
                    file.write(record);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write to the --hook-writes file", e);
                }
            }
        }
    }

    private final String topic;
    private final Sink sink;

    private ReplayTopicWriter(String topic, Sink sink) {
        this.topic = topic;
        this.sink = sink;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public CompletionStage<Void> send(String key, Map<String, ?> value) {
        try {
            sink.write(topic, key, value);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}

package dev.chathooks.testkit;

import dev.chathooks.api.ChatObject;
import dev.chathooks.api.HookConfig;
import dev.chathooks.api.HookContext;
import dev.chathooks.api.HookMetrics;
import dev.chathooks.api.LookupTable;
import dev.chathooks.api.TopicWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link HookContext} without a broker, as a hook author tests with: lookup tables are maps the test fills, topic
 * writers keep what they are given, and metrics are kept in memory, with the processor's rules on names and tags,
 * for {@link #count} and {@link #timings} to read. Thread-safe.
 */
public final class InMemoryHookContext implements HookContext {
    private final String hookName;
    private final HookConfig config;
    private final Map<String, MapLookupTable> tables = new ConcurrentHashMap<>();
    private final Map<String, RecordingWriter> writers = new ConcurrentHashMap<>();
    private final HookFigures figures = new HookFigures();

    /**
     * @param hookName the hook's name
     * @param settings its settings, without the {@code hook.<name>.} prefix
     */
    public InMemoryHookContext(String hookName, Map<String, String> settings) {
        this.hookName = Objects.requireNonNull(hookName, "hookName is null");
        this.config = new HookConfig(hookName, settings);
    }

    @Override
    public String hookName() {
        return hookName;
    }

    @Override
    public HookConfig config() {
        return config;
    }

    @Override
    public LookupTable lookupTable(String topic) {
        return table(topic);
    }

    @Override
    public TopicWriter topicWriter(String topic) {
        return writer(topic);
    }

    @Override
    public HookMetrics metrics() {
        return figures.forHook(hookName);
    }

    /**
     * What the hook counted on the counter {@code name} (as given to {@link HookMetrics#counter}), summed over the
     * counters whose tags include {@code tags} (key, value pairs; none: every counter of that name).
     */
    public long count(String name, String... tags) {
        return figures.count(name, tags);
    }

    /**
     * How many durations the hook recorded on the timer {@code name}, over the timers whose tags include
     * {@code tags}.
     */
    public long timings(String name, String... tags) {
        return figures.timings(name, tags);
    }

    /** The table over {@code topic}, created empty on first use; put values in it with {@link MapLookupTable#put}. */
    public MapLookupTable table(String topic) {
        return tables.computeIfAbsent(topic, MapLookupTable::new);
    }

    /** The writer to {@code topic}, created on first use. */
    public RecordingWriter writer(String topic) {
        return writers.computeIfAbsent(topic, RecordingWriter::new);
    }

    /** A lookup table backed by a map. */
    public static final class MapLookupTable implements LookupTable {
        private final String topic;
        private final Map<String, ChatObject> values = new ConcurrentHashMap<>();

        MapLookupTable(String topic) {
            this.topic = topic;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public Optional<ChatObject> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        /** Sets the value of {@code key}; null removes it, as a tombstone does. */
        public void put(String key, Map<String, ?> value) {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, ChatObject.of(value));
            }
        }
    }

    /** A topic writer that keeps the records it is given; it can be made to fail, as a broker may. */
    public static final class RecordingWriter implements TopicWriter {
        private final String topic;
        private final ConcurrentLinkedQueue<WrittenRecord> records = new ConcurrentLinkedQueue<>();
        private volatile RuntimeException failure;

        RecordingWriter(String topic) {
            this.topic = topic;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public CompletionStage<Void> send(String key, Map<String, ?> value) {
            RuntimeException failing = failure;
            if (failing != null) {
                return CompletableFuture.failedFuture(failing);
            }
            records.add(new WrittenRecord(
                    key,
                    ChatObject.of(Objects.requireNonNull(value, "value is null"))
                            .fields()));
            return CompletableFuture.completedFuture(null);
        }

        /** The records written so far, in order. */
        public List<WrittenRecord> records() {
            return List.copyOf(records);
        }

        /** Makes every later write fail with {@code failure}; null makes them succeed again. */
        public void failWith(RuntimeException failure) {
            this.failure = failure;
        }
    }
}

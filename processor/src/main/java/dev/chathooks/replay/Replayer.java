package dev.chathooks.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.deadletter.DeadLetterHeaders;
import dev.chathooks.deadletter.DeadLetterSink;
import dev.chathooks.deadletter.DeadLetters;
import dev.chathooks.dispatch.CallOutcome;
import dev.chathooks.dispatch.DispatchSettings;
import dev.chathooks.dispatch.HookArguments;
import dev.chathooks.dispatch.HookCallRunner;
import dev.chathooks.dispatch.InvocationResolver;
import dev.chathooks.dump.DumpRecord;
import dev.chathooks.dump.JsonLinesWriter;
import dev.chathooks.files.Directories;
import dev.chathooks.hosting.HookHost;
import dev.chathooks.invocation.Invocation;
import dev.chathooks.invocation.InvocationCodec;
import dev.chathooks.invocation.InvocationLog;
import dev.chathooks.plugins.LoadedHook;
import dev.chathooks.tables.StoreTableReader;
import dev.chathooks.tables.TableChanges;
import dev.chathooks.tables.TableReader;
import dev.chathooks.topology.EnrichmentTopology;
import dev.chathooks.topology.StreamsProperties;
import dev.chathooks.topology.TopologyNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a topic dump through the real enrichment topology and the loaded hooks, with no broker: the hook
 * author's test loop. The topology runs in Kafka Streams' {@link TopologyTestDriver}; records are fed in the
 * dump's order, and after each one the invocations it made are resolved and handed to every hook that handles
 * their kind, one at a time and in order, so a replay is deterministic.
 */
public final class Replayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

    private final ChatHooksConfig config;
    private final HookHost host;
    private final ReplayOutput output;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    private final TestOutputTopic<byte[], byte[]> invocationTopic;
    private final TestOutputTopic<byte[], byte[]> deadLetterTopic;
    private final List<DeadLetterSink.DeadLetter> lookupDeadLetters = new ArrayList<>();
    private final InvocationResolver resolver;
    private final ExecutorService blockingExecutor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "replay-hook-call");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, HookCallRunner> runners = new HashMap<>();
    private final Map<String, Long> skippedTopics = new TreeMap<>();
    private long records;
    private long invocations;
    private long calls;
    private long deadLetters;
    private long hookFailures;

    /**
     * Builds the topology for the hooks of {@code host}, which must have been started (their lookup tables are
     * known then).
     */
    public Replayer(ChatHooksConfig config, HookHost host, ReplayOutput output) {
        this.config = config;
        this.host = host;
        this.output = output;
        try {
            this.stateDir = Files.createTempDirectory("chat-hooks-replay");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory", e);
        }
        ChatHooksConfig.Topics topics = config.topics();
        Set<String> lookupTopics = host.lookupTopics();
        Properties properties = StreamsProperties.of(config);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092"); // never contacted
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TableChanges tableChanges = new TableChanges();
        driver = new TopologyTestDriver(EnrichmentTopology.build(config, lookupTopics, lookupDeadLetters::add,
                tableChanges), properties);
        for (String topic : topics.conversationKeyed()) {
            inputs.put(topic, input(topic));
        }
        inputs.put(topics.users(), input(topics.users()));
        for (String topic : lookupTopics) {
            inputs.put(topic, input(topic));
        }
        invocationTopic = driver.createOutputTopic(topics.invocations(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        deadLetterTopic = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        TableReader users = reader(topics.users());
        resolver = new InvocationResolver(users, tableChanges, TopologyNames.lookupStore(topics.users()));
        host.bindTables(this::reader);
        for (LoadedHook hook : host.hooks()) {
            runners.put(hook.name(), new HookCallRunner(hook, DispatchSettings.forHook(config, hook.name()),
                    blockingExecutor));
        }
    }

    private TestInputTopic<byte[], byte[]> input(String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private TableReader reader(String topic) {
        return new StoreTableReader(() -> driver.getKeyValueStore(TopologyNames.lookupStore(topic)));
    }

    /** Feeds every record, in order, and makes the hook calls. */
    public ReplaySummary replay(Iterator<DumpRecord> dump) throws IOException {
        long start = System.nanoTime();
        while (dump.hasNext()) {
            DumpRecord record = dump.next();
            records++;
            TestInputTopic<byte[], byte[]> input = inputs.get(record.topic());
            if (input == null) {
                skippedTopics.merge(record.topic(), 1L, Long::sum);
                continue;
            }
            input.pipeInput(new TestRecord<>(bytes(record.key()), record.value(), headers(record.headers()),
                    record.timestamp()));
            drain();
        }
        // Release what waits on the wall clock: held messages (join.grace), then open typing batches.
        Duration grace = config.joinGrace();
        if (!grace.isZero()) {
            driver.advanceWallClockTime(grace.plusMillis(1));
            drain();
        }
        Duration window = config.typingCoalesceWindow();
        if (!window.isZero()) {
            driver.advanceWallClockTime(window.plusMillis(1));
            drain();
        }
        skippedTopics.forEach((topic, count) -> LOG.warn(
                "Skipped {} records of topic {}: the topology does not read it", count, topic));
        output.flush();
        return new ReplaySummary(records, skippedTopics.values().stream().mapToLong(Long::longValue).sum(),
                invocations, calls, deadLetters, hookFailures, (System.nanoTime() - start) / 1_000_000);
    }

    private void drain() throws IOException {
        for (DeadLetterSink.DeadLetter letter : lookupDeadLetters) {
            deadLetter(letter.topic(), letter.key(), letter.timestamp(), letter.headers(), letter.value());
        }
        lookupDeadLetters.clear();
        while (!deadLetterTopic.isEmpty()) {
            TestRecord<byte[], byte[]> letter = deadLetterTopic.readRecord();
            deadLetter(DeadLetters.get(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC), letter.key(),
                    letter.timestamp(), letter.headers(), letter.value());
        }
        while (!invocationTopic.isEmpty()) {
            dispatch(InvocationCodec.decode(invocationTopic.readValue()));
        }
    }

    private void deadLetter(String topic, byte[] key, long timestamp, Headers headers, byte[] value)
            throws IOException {
        deadLetters++;
        output.deadLetter(topic, key == null ? null : new String(key, StandardCharsets.UTF_8), timestamp,
                DeadLetters.get(headers, DeadLetterHeaders.REASON), value);
    }

    private void dispatch(Invocation invocation) throws IOException {
        invocations++;
        HookArguments arguments = resolver.resolve(invocation);
        List<String> reached = new ArrayList<>();
        for (LoadedHook hook : host.hooks()) {
            if (!hook.kinds().contains(invocation.kind())) {
                continue;
            }
            reached.add(hook.name());
            calls++;
            CallOutcome outcome = runners.get(hook.name()).call(arguments).toCompletableFuture().join();
            if (!outcome.succeeded()) {
                hookFailures++;
                deadLetters++;
                LOG.warn("Hook '{}' failed on event {} ({}) after {} attempts: {}", hook.name(), invocation.eventId(),
                        invocation.kind().seedName(), outcome.attempts(), outcome.describeError());
                output.deadLetter(config.topics().invocations(), invocation.conversationId(), invocation.time(),
                        outcome.deadLetterReason(hook.name()), InvocationCodec.encode(invocation));
            }
        }
        ObjectNode line = InvocationLog.replayLine(invocation, arguments.participants(), arguments.users(), reached);
        output.invocation(line);
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static Headers headers(Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return recordHeaders;
    }

    @Override
    public void close() {
        blockingExecutor.shutdownNow();
        try {
            driver.close();
        } finally {
            Directories.deleteRecursively(stateDir);
        }
    }

    /** Where a replay writes: the invocation log and the dead letters (either may discard). */
    public interface ReplayOutput {
        /** One invocation log line. */
        void invocation(ObjectNode line) throws IOException;

        /** One dead letter. */
        void deadLetter(String topic, String key, long timestamp, String reason, byte[] value) throws IOException;

        /** Flushes what was written. */
        void flush() throws IOException;

        /** Writes the invocation log to {@code invocations} and dead letters to {@code deadLetters}; null discards. */
        static ReplayOutput to(JsonLinesWriter invocations, JsonLinesWriter deadLetters) {
            return new ReplayOutput() {
                @Override
                public void invocation(ObjectNode line) throws IOException {
                    if (invocations != null) {
                        invocations.writeLine(line);
                    }
                }

                @Override
                public void deadLetter(String topic, String key, long timestamp, String reason, byte[] value)
                        throws IOException {
                    if (deadLetters != null) {
                        deadLetters.writeDeadLetter(topic, key, timestamp, reason, value);
                    }
                }

                @Override
                public void flush() throws IOException {
                    if (invocations != null) {
                        invocations.flush();
                    }
                    if (deadLetters != null) {
                        deadLetters.flush();
                    }
                }
            };
        }
    }
}

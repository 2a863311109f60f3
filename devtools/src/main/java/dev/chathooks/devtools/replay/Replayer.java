package dev.chathooks.devtools.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.devtools.dump.DumpFormatException;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.devtools.dump.TopicDumpReader;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetter;
import dev.chathooks.processor.deadletter.DeadLetterStore;
import dev.chathooks.processor.dispatch.DispatchSettings;
import dev.chathooks.processor.dispatch.Disposition;
import dev.chathooks.processor.dispatch.HookArguments;
import dev.chathooks.processor.dispatch.HookDispatcher;
import dev.chathooks.processor.dispatch.HookDispatchers;
import dev.chathooks.processor.dispatch.HookThreads;
import dev.chathooks.processor.dispatch.InvocationResolver;
import dev.chathooks.processor.dispatch.RetryWaits;
import dev.chathooks.processor.files.Directories;
import dev.chathooks.processor.hosting.HookHost;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.invocation.InvocationCodec;
import dev.chathooks.processor.invocation.InvocationLog;
import dev.chathooks.processor.metrics.HookCallMetrics;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.tables.StoreTableReader;
import dev.chathooks.processor.tables.TableChanges;
import dev.chathooks.processor.tables.TableReader;
import dev.chathooks.processor.topology.EnrichmentTopology;
import dev.chathooks.processor.topology.StreamsProperties;
import dev.chathooks.processor.topology.TopologyNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
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
 * dump's order, and after each one the invocations it made go to each hook's {@link HookDispatcher}, the same one
 * a live run uses, one hook and one invocation at a time, in order, so a replay is deterministic. Only where the
 * dispatchers' dead letters are stored differs: in the replay's output instead of the dead-letter topic.
 *
 * <p>Records of the invocations topic in a dump (re-runs of dead letters) go to the dispatchers as they are, as
 * they would in a live run.
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
    private final List<DeadLetter> lookupDeadLetters = new ArrayList<>();
    private final InvocationResolver resolver;
    private final List<ExecutorService> hookThreads = new ArrayList<>();
    private final List<HookDispatcher> dispatchers = new ArrayList<>();
    /** Filled on the hooks' threads, read on the replay's once the dispatchers are finished with a record. */
    private final List<DeadLetter> dispatchDeadLetters = Collections.synchronizedList(new ArrayList<>());

    private final Map<String, Long> skippedTopics = new TreeMap<>();
    private boolean skipUnknownTopics;
    private long records;
    private long invocations;
    private long calls;
    private long deadLetters;
    private long hookFailures;
    private long invocationOffset;

    /**
     * Builds the topology for the hooks of {@code host}, which must have been started (their lookup tables are
     * known then). The backoff between attempts of a failing hook is waited for, as configured.
     */
    public Replayer(ChatHooksConfig config, HookHost host, ReplayOutput output) {
        this(config, host, output, RetryWaits.REAL);
    }

    /**
     * As {@link #Replayer(ChatHooksConfig, HookHost, ReplayOutput)}, with the backoff between attempts waited for
     * or skipped.
     */
    public Replayer(ChatHooksConfig config, HookHost host, ReplayOutput output, RetryWaits waits) {
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
        driver = new TopologyTestDriver(
                EnrichmentTopology.build(config, lookupTopics, lookupDeadLetters::add, tableChanges), properties);
        for (String topic : topics.conversationKeyed()) {
            inputs.put(topic, input(topic));
        }
        inputs.put(topics.users(), input(topics.users()));
        for (String topic : lookupTopics) {
            inputs.put(topic, input(topic));
        }
        invocationTopic = driver.createOutputTopic(
                topics.invocations(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetterTopic = driver.createOutputTopic(
                topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TableReader users = reader(topics.users());
        resolver = new InvocationResolver(users, tableChanges, TopologyNames.lookupStore(topics.users()));
        host.bindTables(this::reader);
        DeadLetterStore deadLetterStore = (letter, source) -> {
            dispatchDeadLetters.add(letter);
            return CompletableFuture.completedFuture(null);
        };
        for (LoadedHook hook : host.hooks()) {
            DispatchSettings settings = DispatchSettings.forHook(config, hook.name());
            ExecutorService threads = HookThreads.forHook(hook.name(), settings.maxInFlight());
            hookThreads.add(threads);
            dispatchers.add(HookDispatchers.wire(
                    hook,
                    settings,
                    threads,
                    waits,
                    resolver,
                    deadLetterStore,
                    output::finished,
                    HookCallMetrics.unpublished(hook.name())));
        }
    }

    /**
     * Records of topics that neither the configuration nor a hook's lookup tables name are skipped, with a warning,
     * instead of refusing the dump (by default a misspelled topic name stops the replay before any hook is called).
     */
    public Replayer skipUnknownTopics(boolean skip) {
        this.skipUnknownTopics = skip;
        return this;
    }

    /** The topics the configuration and the hooks' lookup tables name. */
    private Set<String> knownTopics() {
        ChatHooksConfig.Topics topics = config.topics();
        Set<String> known = new HashSet<>(inputs.keySet());
        known.addAll(List.of(topics.users(), topics.devices(), topics.invocations()));
        known.addAll(topics.conversationKeyed());
        return known;
    }

    private TestInputTopic<byte[], byte[]> input(String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private TableReader reader(String topic) {
        return new StoreTableReader(() -> driver.getKeyValueStore(TopologyNames.lookupStore(topic)));
    }

    /**
     * Reads the whole dump file first, so that a malformed line stops the replay before any hook is called, then
     * replays it.
     *
     * @throws dev.chathooks.devtools.dump.DumpFormatException naming the first malformed line; no hook was called
     */
    public ReplaySummary replay(Path dumpFile) throws IOException {
        Set<String> unknown = new TreeSet<>();
        Set<String> known = knownTopics();
        try (TopicDumpReader check = TopicDumpReader.open(dumpFile)) {
            check.forEachRemaining(record -> {
                if (!known.contains(record.topic())) {
                    unknown.add(record.topic());
                }
            });
        }
        if (!unknown.isEmpty() && !skipUnknownTopics) {
            throw new DumpFormatException("the dump has records of " + unknown + ", which this configuration does"
                    + " not name; it names the topics " + new TreeSet<>(known) + ". Fix the topic names in the dump"
                    + " (or the topics.* keys), or skip those records with --skip-unknown-topics");
        }
        try (TopicDumpReader reader = TopicDumpReader.open(dumpFile)) {
            return replay(reader);
        }
    }

    /** Feeds every record, in order, and makes the hook calls. */
    public ReplaySummary replay(Iterator<DumpRecord> dump) throws IOException {
        long start = System.nanoTime();
        while (dump.hasNext()) {
            DumpRecord record = dump.next();
            records++;
            if (record.topic().equals(config.topics().invocations())) {
                dispatch(new ConsumerRecord<>(
                        record.topic(),
                        0,
                        invocationOffset++,
                        record.timestamp(),
                        TimestampType.CREATE_TIME,
                        -1,
                        -1,
                        bytes(record.key()),
                        record.value(),
                        headers(record.headers()),
                        Optional.empty()));
                continue;
            }
            TestInputTopic<byte[], byte[]> input = inputs.get(record.topic());
            if (input == null) {
                skippedTopics.merge(record.topic(), 1L, Long::sum);
                continue;
            }
            input.pipeInput(new TestRecord<>(
                    bytes(record.key()), record.value(), headers(record.headers()), record.timestamp()));
            drain();
        }
        // Release what waits on the wall clock: held messages (join.grace), then open typing batches, below.
        Duration grace = config.joinGrace();
        if (!grace.isZero()) {
            driver.advanceWallClockTime(grace.plusMillis(1));
            drain();
        }
        // Then the events of conversations that were never created: their wait is over (the wall clock punctuates
        // at a quarter of the wait).
        Duration unknownWait = EnrichmentTopology.unknownConversationWait(config);
        if (!unknownWait.isZero()) {
            driver.advanceWallClockTime(
                    unknownWait.plus(unknownWait.dividedBy(4)).plusMillis(10));
            drain();
        }
        Duration window = config.typingCoalesceWindow();
        if (!window.isZero()) {
            driver.advanceWallClockTime(window.plusMillis(1));
            drain();
        }
        skippedTopics.forEach((topic, count) ->
                LOG.warn("Skipped {} records of topic {}: the topology does not read it", count, topic));
        output.flush();
        return new ReplaySummary(
                records,
                skippedTopics.values().stream().mapToLong(Long::longValue).sum(),
                invocations,
                calls,
                deadLetters,
                hookFailures,
                (System.nanoTime() - start) / 1_000_000);
    }

    private void drain() throws IOException {
        for (DeadLetter letter : lookupDeadLetters) {
            deadLetter(letter);
        }
        lookupDeadLetters.clear();
        while (!deadLetterTopic.isEmpty()) {
            TestRecord<byte[], byte[]> letter = deadLetterTopic.readRecord();
            deadLetter(new DeadLetter(letter.key(), letter.value(), letter.timestamp(), letter.headers()));
        }
        while (!invocationTopic.isEmpty()) {
            TestRecord<byte[], byte[]> invocation = invocationTopic.readRecord();
            dispatch(new ConsumerRecord<>(
                    config.topics().invocations(),
                    0,
                    invocationOffset++,
                    invocation.timestamp(),
                    TimestampType.CREATE_TIME,
                    -1,
                    -1,
                    invocation.key(),
                    invocation.value(),
                    invocation.headers(),
                    Optional.empty()));
        }
    }

    private void deadLetter(DeadLetter letter) throws IOException {
        deadLetters++;
        output.deadLetter(letter);
    }

    /** Hands one record of the invocations topic to every hook's dispatcher, one after the other. */
    private void dispatch(ConsumerRecord<byte[], byte[]> record) throws IOException {
        List<String> reached = new ArrayList<>();
        for (HookDispatcher dispatcher : dispatchers) {
            Disposition disposition =
                    dispatcher.dispatch(record).toCompletableFuture().join();
            if (disposition.called()) {
                reached.add(dispatcher.hook().name());
                calls++;
            }
            if (disposition == Disposition.HOOK_FAILED) {
                hookFailures++;
            }
        }
        for (DeadLetter letter : dispatchDeadLetters) {
            deadLetter(letter);
        }
        dispatchDeadLetters.clear();
        Invocation invocation;
        try {
            invocation = InvocationCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            return; // dead-lettered by each dispatcher as not an invocation
        }
        invocations++;
        HookArguments arguments = resolver.resolve(invocation);
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
        dispatchers.forEach(HookDispatcher::close);
        hookThreads.forEach(ExecutorService::shutdownNow);
        try {
            driver.close();
        } finally {
            Directories.deleteRecursively(stateDir);
        }
    }
}

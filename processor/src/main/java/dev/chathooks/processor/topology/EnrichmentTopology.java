package dev.chathooks.processor.topology;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetterSink;
import dev.chathooks.processor.event.EventParser;
import dev.chathooks.processor.metrics.PipelineMetrics;
import dev.chathooks.processor.tables.TableChanges;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the enrichment topology, a pure function of the configuration:
 * <pre>
 *   chat.conversations ┐
 *   chat.messages      ├─▶ enrich (conversation-state, typing-batches) ─┬─▶ &lt;app&gt;-invocations
 *   chat.typing        ┘                                                └─▶ chat-hooks.dlq
 *   chat.users, chat.devices, ... ─▶ global lookup tables (lookup-&lt;topic&gt;)
 * </pre>
 * The conversation-keyed topics are read by one processor, so that state changes and the events joined with them
 * meet in one place per conversation; they must be co-partitioned. In the one-topic layout the three keys name one
 * topic, read once: the processor routes every record by its event type, whatever topic it came from. The
 * processor's other stores, when configured: join-buffer ({@code join.grace}) and unknown-conversation-wait
 * ({@link #unknownConversationWait}).
 */
public final class EnrichmentTopology {
    /** The longest segment of the conversation-state store's history ({@link #historySegment}). */
    private static final Duration MOST_HISTORY_SEGMENT = Duration.ofMinutes(1);
    /** The shortest, Kafka Streams' own least default. */
    private static final Duration LEAST_HISTORY_SEGMENT = Duration.ofSeconds(2);

    private EnrichmentTopology() {}

    /**
     * How long a message or typing event of a conversation with no state waits for its creation or snapshot:
     * {@code join.unknown-conversation.wait} in the three-topic layout; nothing in the one-topic layout, where a
     * conversation's creation is always read before its messages.
     */
    public static Duration unknownConversationWait(ChatHooksConfig config) {
        return config.topics().oneTopicLayout() ? Duration.ZERO : config.unknownConversationWait();
    }

    /**
     * The span of one segment of the conversation-state store's history: at most a minute. Each state change moves
     * the conversation's previous version into the segment of its time, and Kafka Streams keeps a segment's versions
     * of one key as one value, read and written whole at every such move: with its default segments (an hour for a
     * day's history) each change of a busy conversation rewrote all its changes of the hour, and state changes took
     * a third of the Streams thread. With a minute's segments a change rewrites that minute's. The cost moves to
     * reading state as of a time long past (an event read hours late), which looks through the segments back to it:
     * one store lookup a segment, and rare.
     */
    static Duration historySegment(Duration historyRetention) {
        Duration third = historyRetention.dividedBy(3);
        return third.compareTo(MOST_HISTORY_SEGMENT) > 0
                ? MOST_HISTORY_SEGMENT
                : third.compareTo(LEAST_HISTORY_SEGMENT) < 0 ? LEAST_HISTORY_SEGMENT : third;
    }

    /**
     * The topology.
     *
     * @param config the processor's configuration (topic names, typing window, history retention, record limit)
     * @param lookupTopics compacted topics to keep as global lookup tables besides the users topic
     * @param lookupDeadLetters where unusable records of the lookup topics go
     */
    public static Topology build(ChatHooksConfig config, Set<String> lookupTopics, DeadLetterSink lookupDeadLetters) {
        return build(config, lookupTopics, lookupDeadLetters, new TableChanges());
    }

    /**
     * The topology, whose lookup-table updaters tell {@code tableChanges} of every key they write (the store
     * names are {@link TopologyNames#lookupStore}).
     *
     * @param config the processor's configuration (topic names, typing window, history retention, record limit)
     * @param lookupTopics compacted topics to keep as global lookup tables besides the users topic
     * @param lookupDeadLetters where unusable records of the lookup topics go
     * @param tableChanges told of every change the updaters make
     */
    public static Topology build(
            ChatHooksConfig config,
            Set<String> lookupTopics,
            DeadLetterSink lookupDeadLetters,
            TableChanges tableChanges) {
        return build(config, lookupTopics, lookupDeadLetters, tableChanges, PipelineMetrics.none());
    }

    /**
     * The topology, counting the events it reads, the records it rejects and the invocations it writes.
     *
     * @param config the processor's configuration (topic names, typing window, history retention, record limit)
     * @param lookupTopics compacted topics to keep as global lookup tables besides the users topic
     * @param lookupDeadLetters where unusable records of the lookup topics go
     * @param tableChanges told of every change the updaters make
     * @param metrics counts what the topology reads, rejects and writes
     */
    public static Topology build(
            ChatHooksConfig config,
            Set<String> lookupTopics,
            DeadLetterSink lookupDeadLetters,
            TableChanges tableChanges,
            PipelineMetrics metrics) {
        ChatHooksConfig.Topics topics = config.topics();
        Duration typingWindow = config.typingCoalesceWindow();
        EventParser parser = new EventParser(config.maxRecordBytes());

        Topology topology = new Topology();
        topology.addSource(
                TopologyNames.EVENTS_SOURCE,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                topics.conversationKeyed().toArray(String[]::new)); // each distinct topic once: events route by type
        Duration grace = config.joinGrace();
        Duration unknownWait = unknownConversationWait(config);
        topology.addProcessor(
                TopologyNames.ENRICH,
                () -> new EnrichmentProcessor(
                        parser, typingWindow, grace, unknownWait, config.historyRetention(), metrics),
                TopologyNames.EVENTS_SOURCE);
        topology.addStateStore(
                Stores.versionedKeyValueStoreBuilder(
                        Stores.persistentVersionedKeyValueStore(
                                TopologyNames.CONVERSATION_STORE,
                                config.historyRetention(),
                                historySegment(config.historyRetention())),
                        Serdes.String(),
                        Serdes.ByteArray()),
                TopologyNames.ENRICH);
        if (!typingWindow.isZero()) {
            topology.addStateStore(
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(TopologyNames.TYPING_STORE),
                            Serdes.String(),
                            Serdes.ByteArray()),
                    TopologyNames.ENRICH);
        }
        if (!grace.isZero()) {
            topology.addStateStore(
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(TopologyNames.JOIN_BUFFER_STORE),
                            Serdes.Bytes(),
                            Serdes.ByteArray()),
                    TopologyNames.ENRICH);
        }
        if (!unknownWait.isZero()) {
            topology.addStateStore(
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(TopologyNames.UNKNOWN_CONVERSATION_STORE),
                            Serdes.String(),
                            Serdes.ByteArray()),
                    TopologyNames.ENRICH);
        }
        topology.addSink(
                TopologyNames.INVOCATIONS_SINK,
                topics.invocations(),
                new ByteArraySerializer(),
                new ByteArraySerializer(),
                TopologyNames.ENRICH);
        topology.addSink(
                TopologyNames.DEAD_LETTERS_SINK,
                topics.deadLetters(),
                new ByteArraySerializer(),
                new ByteArraySerializer(),
                TopologyNames.ENRICH);

        Set<String> tables = new LinkedHashSet<>();
        tables.add(topics.users());
        tables.addAll(lookupTopics);
        for (String topic : tables) {
            String store = TopologyNames.lookupStore(topic);
            topology.addGlobalStore(
                    Stores.keyValueStoreBuilder(
                                    Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.ByteArray())
                            .withLoggingDisabled(),
                    store + "-source",
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer(),
                    topic,
                    store + "-updater",
                    () -> new LookupTableUpdater(
                            store, config.maxRecordBytes(), lookupDeadLetters, tableChanges, metrics));
        }
        return topology;
    }
}

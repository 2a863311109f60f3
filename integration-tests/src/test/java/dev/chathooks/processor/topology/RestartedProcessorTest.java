package dev.chathooks.processor.topology;

import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.deleted;
import static dev.chathooks.testsupport.fixtures.ChatEvents.sent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.event.EventParser;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.invocation.InvocationCodec;
import dev.chathooks.processor.metrics.PipelineMetrics;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor started again over a conversation-state store it did not write, as when its task is initialized after
 * a restore or a move to another instance: what it keeps of each conversation's latest state is the store's, even
 * where the store holds a deletion the processor never read. {@code TopologyTestDriver} wipes its stores when it
 * closes, so the processor runs here on Kafka Streams' mock context over a real versioned store.
 */
class RestartedProcessorTest {
    private static final Duration HISTORY = Duration.ofDays(1);

    @TempDir
    Path stateDir;

    private MockProcessorContext<byte[], byte[]> context;
    private VersionedKeyValueStore<String, byte[]> store;
    private long offset;
    private long streamTime;

    @BeforeEach
    void openStore() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "restarted-processor-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(properties, new TaskId(0, 0), stateDir.toFile());
        store = Stores.versionedKeyValueStoreBuilder(
                        Stores.persistentVersionedKeyValueStore(
                                TopologyNames.CONVERSATION_STORE, HISTORY, EnrichmentTopology.historySegment(HISTORY)),
                        Serdes.String(),
                        Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** A processor as a task makes it: keeping nothing yet. */
    private EnrichmentProcessor startProcessor() {
        EnrichmentProcessor processor = new EnrichmentProcessor(
                new EventParser(1 << 20), Duration.ZERO, Duration.ZERO, Duration.ZERO, HISTORY, PipelineMetrics.none());
        processor.init(context);
        return processor;
    }

    private void process(EnrichmentProcessor processor, ObjectNode event, long timestamp) {
        context.setRecordMetadata("chat.conversations", 0, offset++);
        streamTime = Math.max(streamTime, timestamp);
        context.setCurrentStreamTimeMs(streamTime);
        processor.process(
                new Record<>(ChatEvents.utf8(event.path("subject").asText()), ChatEvents.bytes(event), timestamp));
    }

    private List<Invocation> invocations() {
        return context.forwarded(TopologyNames.INVOCATIONS_SINK).stream()
                .map(forward -> InvocationCodec.decode(forward.record().value()))
                .toList();
    }

    private List<String> deadLetterReasons() {
        return context.forwarded(TopologyNames.DEAD_LETTERS_SINK).stream()
                .map(forward -> DeadLetterHeaders.get(forward.record().headers(), DeadLetterHeaders.REASON))
                .toList();
    }

    /**
     * A processor creates conversation c-1 and deletes it at {@code deletedAt}; then the task starts again: the
     * processor it returns keeps nothing, over the store the first one wrote.
     */
    private EnrichmentProcessor restartAfterCreationAndDeletion(long deletedAt) {
        EnrichmentProcessor before = startProcessor();
        process(before, created("c-1", List.of("u-alice", "u-bob"), List.of("u-alice")), 1_000_000);
        process(before, deleted("c-1"), deletedAt);
        context.resetForwards();
        return startProcessor();
    }

    @Test
    void aCreationStampedBeforeADeletionTheStoreHoldsDoesNotOutliveTheDeletion() {
        EnrichmentProcessor after = restartAfterCreationAndDeletion(1_003_000);
        // Stamped before the deletion, read after it: its state holds from its time until the deletion's.
        process(after, created("c-1", List.of("u-alice", "u-carol"), List.of("u-alice")), 1_002_000);
        context.resetForwards();
        process(after, sent("c-1", "m-late", "u-alice", "after the deletion"), 1_004_000);
        process(after, sent("c-1", "m-between", "u-carol", "before the deletion"), 1_002_500);

        assertThat(deadLetterReasons())
                .singleElement()
                .satisfies(reason -> assertThat(reason).startsWith("unknown-conversation: "));
        assertThat(invocations()).singleElement().satisfies(invocation -> {
            assertThat(invocation.kind()).isEqualTo(HookKind.AFTER_MESSAGE_SENT);
            assertThat(invocation.message().path("id").asText()).isEqualTo("m-between");
            assertThat(invocation.participantIds()).containsExactly("u-alice", "u-carol");
        });
    }

    @Test
    void aCreationTheStoreHoldsAsLatestIsJoinedAfterARestart() {
        EnrichmentProcessor after = restartAfterCreationAndDeletion(1_001_000);
        process(after, created("c-1", List.of("u-alice", "u-carol"), List.of("u-alice")), 1_002_000);
        process(after, sent("c-1", "m-1", "u-carol", "hello again"), 1_003_000);

        assertThat(deadLetterReasons()).isEmpty();
        assertThat(invocations())
                .extracting(Invocation::kind)
                .containsExactly(HookKind.AFTER_CONVERSATION_CREATED, HookKind.AFTER_MESSAGE_SENT);
        assertThat(invocations().get(1).participantIds()).containsExactly("u-alice", "u-carol");
    }
}

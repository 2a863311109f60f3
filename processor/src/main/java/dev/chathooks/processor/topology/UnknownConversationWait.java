package dev.chathooks.processor.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds the message and typing events of conversations that have no state yet, in the three-topic layout, where a
 * chat server's creation of a conversation, on the conversations topic, can be read after the first message, on the
 * messages topic, though written a millisecond before it: Kafka orders one partition of one topic, and a producer
 * sends each partition's batches on their own.
 *
 * <p>A conversation's held events are released, in the order they were read, when its creation or snapshot is
 * applied ({@link #release}), before any later event of the conversation is processed; or, once the first of them
 * has waited {@code join.unknown-conversation.wait} of wall-clock time or of stream time past its own timestamp,
 * they are given up on, oldest first (a quiet topic does not hold them forever). The store, keyed by conversation,
 * has a changelog: a restart loses nothing.
 */
final class UnknownConversationWait {
    private final ProcessorContext<byte[], byte[]> context;
    private final KeyValueStore<String, byte[]> store;
    private final long waitMs;
    private final JoinBuffer.Release known;
    private final JoinBuffer.Release givenUp;
    private final PipelineMetrics metrics;

    /**
     * @param known takes each held event whose conversation now has state, to join it
     * @param givenUp takes each held event whose wait is over
     * @param metrics told how long each held event waited
     */
    UnknownConversationWait(
            ProcessorContext<byte[], byte[]> context,
            KeyValueStore<String, byte[]> store,
            Duration wait,
            JoinBuffer.Release known,
            JoinBuffer.Release givenUp,
            PipelineMetrics metrics) {
        this.context = context;
        this.store = store;
        this.waitMs = wait.toMillis();
        this.known = known;
        this.givenUp = givenUp;
        this.metrics = metrics;
        Duration interval = Duration.ofMillis(Math.max(10, waitMs / 4));
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> giveUpOverdue());
        context.schedule(interval, PunctuationType.STREAM_TIME, now -> giveUpOverdue());
    }

    /** The wait, for reasons. */
    Duration waitTime() {
        return Duration.ofMillis(waitMs);
    }

    /** Holds {@code record} of {@code conversationId} behind the events of it already held. */
    void hold(String conversationId, Record<byte[], byte[]> record, Invocation.Source source) {
        byte[] stored = store.get(conversationId);
        ArrayNode held = stored == null ? Json.array() : (ArrayNode) HeldRecord.read(stored);
        held.add(new HeldRecord(record, source, context.currentSystemTimeMs()).toJson());
        store.put(conversationId, HeldRecord.write(held));
    }

    /** Gives the events held for {@code conversationId}, which now has state, to be joined, in the order read. */
    void release(String conversationId) {
        byte[] stored = store.get(conversationId);
        if (stored == null) {
            return;
        }
        store.delete(conversationId);
        for (JsonNode event : HeldRecord.read(stored)) {
            HeldRecord held = HeldRecord.fromJson(event);
            metrics.waitedForConversation(context.currentSystemTimeMs() - held.arrivedMs(), true);
            known.accept(held.record(), held.source());
        }
    }

    /** Gives up on every held event whose wait is over, and on none held behind one whose wait is not. */
    private void giveUpOverdue() {
        long wallTime = context.currentSystemTimeMs();
        long streamTime = context.currentStreamTimeMs();
        Map<String, List<HeldRecord>> overdue = new TreeMap<>();
        List<KeyValue<String, byte[]>> remaining = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> conversations = store.all()) {
            while (conversations.hasNext()) {
                KeyValue<String, byte[]> conversation = conversations.next();
                List<HeldRecord> due = new ArrayList<>();
                ArrayNode rest = Json.array();
                for (JsonNode event : HeldRecord.read(conversation.value)) {
                    HeldRecord held = HeldRecord.fromJson(event);
                    boolean over = held.arrivedMs() + waitMs <= wallTime
                            || held.record().timestamp() + waitMs <= streamTime;
                    if (over && rest.isEmpty()) {
                        due.add(held);
                    } else {
                        rest.add(event);
                    }
                }
                if (!due.isEmpty()) {
                    overdue.put(conversation.key, due);
                    remaining.add(KeyValue.pair(conversation.key, rest.isEmpty() ? null : HeldRecord.write(rest)));
                }
            }
        }
        for (KeyValue<String, byte[]> conversation : remaining) {
            store.put(conversation.key, conversation.value); // null deletes
        }
        for (List<HeldRecord> events : overdue.values()) {
            for (HeldRecord held : events) {
                metrics.waitedForConversation(wallTime - held.arrivedMs(), false);
                givenUp.accept(held.record(), held.source());
            }
        }
    }
}

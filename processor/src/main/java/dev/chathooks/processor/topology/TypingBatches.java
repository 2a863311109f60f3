package dev.chathooks.processor.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.deadletter.RejectedRecordException;
import dev.chathooks.processor.event.ChatEvent;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.invocation.InvocationCodec;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Coalesces a conversation's typing events into one {@code typing_started} call per window: a batch opens at a
 * {@code begin}, collects every typing event of the conversation for the window, and is emitted when the window
 * has passed in stream time or in wall-clock time (so a quiet conversation is not held back). Open batches live in
 * a store with a changelog, so a restart does not lose them.
 */
final class TypingBatches {
    private final ProcessorContext<byte[], byte[]> context;
    private final KeyValueStore<String, byte[]> store;
    private final long windowMs;
    private final Consumer<Invocation> emit;

    TypingBatches(
            ProcessorContext<byte[], byte[]> context,
            KeyValueStore<String, byte[]> store,
            Duration window,
            Consumer<Invocation> emit) {
        this.context = context;
        this.store = store;
        this.windowMs = window.toMillis();
        this.emit = emit;
        Duration interval = Duration.ofMillis(Math.max(10, windowMs / 4));
        context.schedule(interval, PunctuationType.STREAM_TIME, streamTime -> flushDue(streamTime, "opened_at"));
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, wallTime -> flushDue(wallTime, "opened_wall"));
    }

    /** Adds a typing event of a conversation that has state. */
    void add(ChatEvent event, ConversationState state, Invocation.Source source) throws RejectedRecordException {
        byte[] open = store.get(event.conversationId());
        if (open != null) {
            ObjectNode batch = read(open);
            ((ArrayNode) batch.get("invocation").get("events")).add(event.typingEvent());
            store.put(event.conversationId(), write(batch));
            return;
        }
        Invocation first = ConversationLogic.apply(state, event, source).invocation();
        if (first == null) {
            return; // not a begin, and no batch open: typing that starts nothing
        }
        ObjectNode batch = Json.object();
        batch.put("opened_at", event.timestamp());
        batch.put("opened_wall", context.currentSystemTimeMs());
        // Without its wire form, the batch's invocation is written with its events, to which later ones are added.
        batch.set("invocation", read(InvocationCodec.encode(first.withoutWire())));
        store.put(event.conversationId(), write(batch));
    }

    private void flushDue(long now, String openedField) {
        List<KeyValue<String, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> batches = store.all()) {
            while (batches.hasNext()) {
                KeyValue<String, byte[]> batch = batches.next();
                if (read(batch.value).path(openedField).asLong() + windowMs <= now) {
                    due.add(batch);
                }
            }
        }
        for (KeyValue<String, byte[]> batch : due) {
            store.delete(batch.key);
            emit.accept(
                    InvocationCodec.decode(write((ObjectNode) read(batch.value).get("invocation"))));
        }
    }

    private static ObjectNode read(byte[] bytes) {
        try {
            JsonNode node = Json.mapper().readTree(bytes);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new IllegalStateException("typing batch in the store cannot be read", e);
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a batch tree always serializes", e);
        }
    }
}

package dev.chathooks.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.devtools.dump.JsonLinesWriter;
import dev.chathooks.processor.event.ChatEventJson;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The records a {@link ChatTraffic} has written, and its clock and event ids: each record is stamped one second after
 * the one before (unless a gap was asked for), each event gets the next id, {@code e-1}, {@code e-2}, ... Kept
 * apart from the story's vocabulary so that the wire form is written in one place.
 */
final class TrafficRecords {
    private static final String SOURCE = "/chat-server";

    private final List<DumpRecord> records = new ArrayList<>();
    private Instant now;
    private int events;

    TrafficRecords(Instant start) {
        this.now = start;
    }

    /** Leaves {@code gap} (instead of one second) before the next record. */
    void after(Duration gap) {
        now = now.plus(gap).minusSeconds(1);
    }

    /** When the next record will be stamped: for times inside an event, such as {@code edited_at}. */
    Instant next() {
        return now.plusSeconds(1);
    }

    /** An event of the contract, keyed by its conversation. */
    void event(String topic, String type, String conversationId, String actor, Map<String, ?> data) {
        event(topic, conversationId, type, conversationId, actor, data);
    }

    /** An event of the contract under record key {@code key}, which a chat server should make its conversation. */
    void event(String topic, String key, String type, String conversationId, String actor, Map<String, ?> data) {
        JsonNode event = ChatEventJson.event(
                "e-" + ++events,
                SOURCE,
                type,
                next(),
                conversationId,
                actor,
                Json.mapper().valueToTree(data));
        raw(topic, key, bytes(event));
    }

    /** A record whose value is {@code value} as JSON, or a tombstone for null. */
    void write(String topic, String key, Map<String, ?> value) {
        raw(topic, key, value == null ? null : bytes(Json.mapper().valueToTree(value)));
    }

    /** A record of any bytes (copied). */
    void raw(String topic, String key, byte[] value) {
        now = now.plusSeconds(1);
        records.add(new DumpRecord(topic, key, now.toEpochMilli(), value == null ? null : value.clone(), Map.of()));
    }

    /** How many events were written. */
    int events() {
        return events;
    }

    List<DumpRecord> list() {
        return List.copyOf(records);
    }

    /** Writes the records as a topic dump (JSON lines), as {@code chat-hooks dump} does. */
    void writeDump(Path file) throws IOException {
        try (JsonLinesWriter writer = new JsonLinesWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (DumpRecord record : records) {
                writer.write(record);
            }
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

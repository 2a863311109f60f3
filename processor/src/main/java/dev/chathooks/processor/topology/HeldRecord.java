package dev.chathooks.processor.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.util.Base64;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An input record that the enrichment holds in a store before joining it (the {@link JoinBuffer}, the
 * {@link UnknownConversationWait}): the record with its key, value, timestamp and headers, where it was read, and
 * the wall-clock time it arrived. As JSON, so that a held record outlives a restart and an upgrade.
 *
 * @param record the record as read
 * @param source where it was read
 * @param arrivedMs the wall-clock time it was held at
 */
record HeldRecord(Record<byte[], byte[]> record, Invocation.Source source, long arrivedMs) {
    /** This record as JSON. */
    ObjectNode toJson() {
        ObjectNode held = Json.object();
        held.put("wall", arrivedMs);
        held.put("topic", source.topic());
        held.put("partition", source.partition());
        held.put("offset", source.offset());
        held.put("timestamp", record.timestamp());
        held.put("key", encode(record.key()));
        held.put("value", encode(record.value()));
        ArrayNode headers = held.putArray("headers");
        for (Header header : record.headers()) {
            headers.addObject().put("k", header.key()).put("v", encode(header.value()));
        }
        return held;
    }

    /** The held record that {@link #toJson} wrote. */
    static HeldRecord fromJson(JsonNode held) {
        Headers headers = new RecordHeaders();
        for (JsonNode header : held.path("headers")) {
            headers.add(header.path("k").asText(), decode(header.get("v")));
        }
        Record<byte[], byte[]> record = new Record<>(
                decode(held.get("key")),
                decode(held.get("value")),
                held.path("timestamp").asLong(),
                headers);
        return new HeldRecord(
                record,
                new Invocation.Source(
                        held.path("topic").asText(),
                        held.path("partition").asInt(),
                        held.path("offset").asLong()),
                held.path("wall").asLong());
    }

    /** {@code node} as bytes to store. */
    static byte[] write(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a held record always serializes", e);
        }
    }

    /** The JSON that {@link #write} stored. */
    static JsonNode read(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("a held record in a store cannot be read", e);
        }
    }

    private static String encode(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(JsonNode text) {
        return text == null || text.isNull() ? null : Base64.getDecoder().decode(text.asText());
    }
}

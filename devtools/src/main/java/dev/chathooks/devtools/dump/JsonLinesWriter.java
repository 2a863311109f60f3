package dev.chathooks.devtools.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.json.JsonLineWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes JSON lines: topic dump records ({@link #write(DumpRecord)}), dead letters ({@link #writeDeadLetter}) and
 * any other line ({@link #writeLine}, for the invocation log). A value that is a JSON object is written as an object; any other value as a string of
 * its UTF-8 text, so that a dump read back gives the same bytes for every valid UTF-8 value.
 */
public final class JsonLinesWriter implements Closeable, Flushable {
    private final JsonLineWriter lines;

    /** @param writer where the lines go; buffered here unless it is a {@link java.io.BufferedWriter} already */
    public JsonLinesWriter(Writer writer) {
        this.lines = new JsonLineWriter(writer);
    }

    /** Writes one dump record. */
    public void write(DumpRecord record) throws IOException {
        ObjectNode line = line(record.topic(), record.key(), record.timestamp(), record.value());
        if (!record.headers().isEmpty()) {
            ObjectNode headers = line.putObject("headers");
            record.headers().forEach(headers::put);
        }
        writeLine(line);
    }

    /** Writes one dead letter: {@code {"topic", "key", "timestamp", "reason", "value"}}. */
    public void writeDeadLetter(String topic, String key, long timestamp, String reason, byte[] value)
            throws IOException {
        ObjectNode line = Json.object();
        line.put("topic", topic);
        line.put("key", key);
        line.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        line.put("reason", reason);
        line.set("value", valueNode(value));
        writeLine(line);
    }

    /** Writes any JSON object as one line. */
    public void writeLine(JsonNode line) throws IOException {
        lines.writeLine(line);
    }

    private static ObjectNode line(String topic, String key, long timestamp, byte[] value) {
        ObjectNode line = Json.object();
        line.put("topic", topic);
        line.put("key", key);
        line.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        line.set("value", valueNode(value));
        return line;
    }

    /** The value as the dump format writes it: an object, a string of its text, or null. */
    static JsonNode valueNode(byte[] value) {
        if (value == null) {
            return Json.mapper().nullNode();
        }
        try {
            JsonNode node = Json.fileMapper().readTree(value);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // not JSON: written as text below
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(value))
                    .toString();
            return Json.mapper().getNodeFactory().textNode(text);
        } catch (CharacterCodingException e) {
            // Not UTF-8: the format cannot carry it exactly; replacement characters mark the loss.
            return Json.mapper().getNodeFactory().textNode(new String(value, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void flush() throws IOException {
        lines.flush();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}

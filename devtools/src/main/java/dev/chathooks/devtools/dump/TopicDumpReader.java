package dev.chathooks.devtools.dump;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.processor.json.Json;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a topic dump: JSON lines of {@code {"topic", "key", "timestamp", "value", "headers"?}}, where
 * {@code timestamp} is RFC 3339 or epoch milliseconds and {@code value} is a JSON object (the record value), a JSON
 * string (the raw UTF-8 bytes of a value that is not JSON) or null (a tombstone). Blank lines are skipped.
 *
 * <p>It streams: a dump of millions of records is never held in memory.
 */
public final class TopicDumpReader implements Iterator<DumpRecord>, Closeable {
    private final String name;
    private final BufferedReader reader;
    private int lineNumber;
    private DumpRecord next;

    private TopicDumpReader(String name, BufferedReader reader) {
        this.name = name;
        this.reader = reader;
    }

    /**
     * Opens {@code file}.
     *
     * @throws IOException if it cannot be opened
     */
    public static TopicDumpReader open(Path file) throws IOException {
        return new TopicDumpReader(file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    /** Reads from {@code reader}, calling it {@code name} in errors. */
    public static TopicDumpReader of(String name, BufferedReader reader) {
        return new TopicDumpReader(name, reader);
    }

    /**
     * @throws DumpFormatException if the next line is not a dump record
     */
    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    next = parse(line);
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public DumpRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DumpRecord record = next;
        next = null;
        return record;
    }

    private DumpRecord parse(String line) {
        JsonNode node;
        try {
            node = Json.fileMapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw error("is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw error("must be a JSON object with topic, key, timestamp and value");
        }
        JsonNode topic = node.get("topic");
        if (topic == null || !topic.isTextual() || topic.textValue().isEmpty()) {
            throw error("needs \"topic\": the topic's name");
        }
        JsonNode key = node.get("key");
        if (key != null && !key.isNull() && !key.isTextual()) {
            throw error("has a \"key\" that is not a string or null");
        }
        return new DumpRecord(
                topic.textValue(),
                key == null || key.isNull() ? null : key.textValue(),
                timestamp(node.get("timestamp")),
                value(node.get("value")),
                headers(node.get("headers")));
    }

    private long timestamp(JsonNode timestamp) {
        if (timestamp == null || timestamp.isNull()) {
            throw error("needs \"timestamp\": RFC 3339 (2026-11-24T10:00:00.120Z) or epoch milliseconds");
        }
        if (timestamp.isIntegralNumber() && timestamp.canConvertToLong() && timestamp.longValue() >= 0) {
            return timestamp.longValue();
        }
        if (timestamp.isTextual()) {
            try {
                return Instant.parse(timestamp.textValue()).toEpochMilli();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw error("has a \"timestamp\" that is neither RFC 3339 (2026-11-24T10:00:00.120Z) nor epoch milliseconds");
    }

    private byte[] value(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue().getBytes(StandardCharsets.UTF_8);
        }
        if (value.isObject()) {
            try {
                return Json.fileMapper().writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed tree always serializes", e);
            }
        }
        throw error("has a \"value\" that is neither a JSON object, a string (raw bytes) nor null (a tombstone)");
    }

    private Map<String, String> headers(JsonNode headers) {
        if (headers == null || headers.isNull()) {
            return Map.of();
        }
        if (!headers.isObject()) {
            throw error("has \"headers\" that are not an object of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        headers.fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual()) {
                throw error("has header \"" + field.getKey() + "\" that is not a string");
            }
            map.put(field.getKey(), field.getValue().textValue());
        });
        return map;
    }

    private DumpFormatException error(String problem) {
        return new DumpFormatException(name + " line " + lineNumber + " " + problem);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

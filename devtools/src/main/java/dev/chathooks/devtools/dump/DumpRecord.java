package dev.chathooks.devtools.dump;

import java.util.Map;
import java.util.Objects;

/**
 * One record of a topic dump.
 *
 * @param topic the topic
 * @param key the key as UTF-8 text, or null
 * @param timestamp the record timestamp, epoch milliseconds
 * @param value the value bytes, or null for a tombstone
 * @param headers the headers as UTF-8 text (empty for none)
 */
public record DumpRecord(String topic, String key, long timestamp, byte[] value, Map<String, String> headers) {
    public DumpRecord {
        Objects.requireNonNull(topic, "topic is null");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "DumpRecord{topic=" + topic + ", key=" + key + ", timestamp=" + timestamp + "}";
    }
}

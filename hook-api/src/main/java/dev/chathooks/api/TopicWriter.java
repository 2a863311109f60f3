package dev.chathooks.api;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Writes JSON records to one topic. Thread-safe. See {@link HookContext#topicWriter(String)}. */
public interface TopicWriter {
    /** The topic this writer writes to. */
    String topic();

    /**
     * Writes one record.
     *
     * @param key the record key, such as a user id; null for none
     * @param value the record value as a JSON object (strings, numbers, booleans, null, maps and lists)
     * @return a stage that completes when the record is stored, or exceptionally when it cannot be
     * @throws IllegalArgumentException if a value is not JSON-shaped
     */
    CompletionStage<Void> send(String key, Map<String, ?> value);
}

package dev.chathooks.processor.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.chathooks.api.ChatObject;
import java.util.Map;

/**
 * The bytes of a record a hook writes through its {@code TopicWriter}: its value as a JSON object. One encoding for
 * every writer (the live cluster's, the replay's file), so a replay keeps what a run would write.
 */
public final class HookRecordValues {
    private HookRecordValues() {}

    /**
     * @param value the value a hook passed to {@code TopicWriter.send}
     * @return its JSON bytes
     * @throws IllegalArgumentException if it cannot be written as JSON
     */
    public static byte[] encode(Map<String, ?> value) {
        try {
            return Json.mapper().writeValueAsBytes(ChatObject.of(value).fields());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}

package dev.chathooks.testkit;

import java.util.Map;
import java.util.Objects;

/**
 * A record a hook wrote through a {@code TopicWriter} of the kit ({@link HookRun#written} or
 * {@link InMemoryHookContext.RecordingWriter#records}). Immutable.
 *
 * @param key the record key, or null
 * @param value the record value, unmodifiable: the map the hook gave, as {@code ChatObject.of} takes it in (its
 *     fields in order)
 */
public record WrittenRecord(String key, Map<String, Object> value) {
    /** Checks that the value is given. */
    public WrittenRecord {
        Objects.requireNonNull(value, "value is null");
    }
}

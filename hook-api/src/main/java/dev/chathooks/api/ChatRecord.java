package dev.chathooks.api;

import java.util.Map;

/**
 * A {@link ChatObject} that has an {@code id}: a conversation, a message, a user or a device.
 */
public abstract class ChatRecord extends ChatObject {
    private final String id;

    /**
     * @throws IllegalArgumentException if {@code fields} has no string {@code id} or a value is not JSON-shaped
     */
    protected ChatRecord(Map<String, ?> fields) {
        super(fields);
        Object value = fields().get("id");
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a non-empty string id");
        }
        this.id = (String) value;
    }

    /** The record's id, never null or empty. */
    public final String id() {
        return id;
    }
}

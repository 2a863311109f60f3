package dev.chathooks.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A message record.
 *
 * <p>Well-known fields: {@code conversation_id}, {@code sender_id}, {@code body}, {@code attachment}
 * ({@code name}, {@code content_type}, {@code url}, {@code size}), {@code metadata}, {@code push} (false: send no
 * push notification for it), {@code revision}, {@code edited_at} and {@code deleted}.
 */
public final class Message extends ChatRecord {
    private Message(Map<String, ?> fields) {
        super(fields);
    }

    /**
     * A message with the given fields.
     *
     * @throws IllegalArgumentException if there is no string {@code id} or a value is not JSON-shaped
     */
    public static Message of(Map<String, ?> fields) {
        return new Message(fields);
    }

    /** The {@code conversation_id} field; the processor sets it from the event when the chat server left it out. */
    public Optional<String> conversationId() {
        return getString("conversation_id");
    }

    /** The {@code sender_id} field. */
    public Optional<String> senderId() {
        return getString("sender_id");
    }

    /** The {@code body} field: the text, empty for a message that is only an attachment. */
    public Optional<String> body() {
        return getString("body");
    }

    /** The {@code attachment} object. */
    public Optional<Attachment> attachment() {
        return getObject("attachment").map(Attachment::of);
    }

    /** The {@code metadata} object, empty when absent. */
    public Map<String, Object> metadata() {
        return getObject("metadata").orElse(Map.of());
    }

    /** The {@code push} flag: false means the sender asked for no push notification. True when absent. */
    public boolean push() {
        return getBoolean("push", true);
    }

    /** The {@code revision} number, incremented by each edit. */
    public OptionalLong revision() {
        return getLong("revision");
    }

    /** The {@code edited_at} time, RFC 3339 or epoch milliseconds. */
    public Optional<Instant> editedAt() {
        return getInstant("edited_at");
    }

    /** The {@code deleted} flag, false when absent. */
    public boolean deleted() {
        return getBoolean("deleted", false);
    }
}

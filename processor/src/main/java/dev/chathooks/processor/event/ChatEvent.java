package dev.chathooks.processor.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A chat server's event, parsed and checked by {@link EventParser}: every field its type needs is present and of
 * the right JSON type.
 *
 * @param id the CloudEvents id, the idempotency key
 * @param type the event type
 * @param conversationId the subject, which equals the record key
 * @param actor the user who acted, or null
 * @param timestamp the record timestamp (event time), epoch milliseconds
 * @param attributes every top-level attribute but {@code data}, unknown ones included
 * @param data the {@code data} object, with {@code message.conversation_id} filled in from the subject when absent
 * @param json the record value as it was read (UTF-8 JSON), or null when the event was made from a tree
 */
public record ChatEvent(
        String id,
        EventType type,
        String conversationId,
        String actor,
        long timestamp,
        ObjectNode attributes,
        ObjectNode data,
        byte[] json) {
    public ChatEvent {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(conversationId, "conversationId is null");
        Objects.requireNonNull(attributes, "attributes is null");
        Objects.requireNonNull(data, "data is null");
    }

    /** {@code data.conversation}, or null (only {@code chat.conversation.deleted} may lack it). */
    public ObjectNode conversation() {
        return data.get("conversation") instanceof ObjectNode ? (ObjectNode) data.get("conversation") : null;
    }

    /** {@code data.message}; present for message events. */
    public ObjectNode message() {
        return (ObjectNode) data.get("message");
    }

    /** {@code data.participant_ids}, for snapshots and creations. */
    public List<String> participantIds() {
        return EventParser.strings(data.get("participant_ids"));
    }

    /** {@code data.admin_ids}, for snapshots and creations; empty when absent. */
    public List<String> adminIds() {
        return EventParser.strings(data.get("admin_ids"));
    }

    /** {@code data.user_ids}, for membership changes. */
    public List<String> userIds() {
        return EventParser.strings(data.get("user_ids"));
    }

    /** {@code data.event} of a typing event: begin, pause or finished. */
    public String typingState() {
        return data.path("event").asText();
    }

    /**
     * The typing event as hooks see it, for a typing event: a copy of {@code data} ({@code user_id}, {@code event},
     * and {@code at}, the event time when absent).
     */
    public ObjectNode typingEvent() {
        ObjectNode typing = data.deepCopy();
        if (!typing.hasNonNull("at")) {
            typing.put("at", Instant.ofEpochMilli(timestamp).toString());
        }
        return typing;
    }

    @Override
    public String toString() {
        return "ChatEvent{id=" + id + ", type=" + type.wireName() + ", conversation=" + conversationId + "}";
    }
}

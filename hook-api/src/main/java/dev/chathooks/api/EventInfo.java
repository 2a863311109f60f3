package dev.chathooks.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What every hook call carries besides the seed's arguments: which event caused it, who acted, and when.
 *
 * <p>{@link #id()} is the idempotency key. Delivery is at least once, so a hook may see the same event again
 * (after a crash, a rebalance, a retry or a rewind); the id stays the same every time.
 */
public final class EventInfo {
    private final String id;
    private final HookKind kind;
    private final String type;
    private final String conversationId;
    private final String actor;
    private final Instant time;
    private final Map<String, Object> attributes;

    /**
     * @param id the CloudEvents {@code id} of the chat server's event
     * @param kind the kind of hook call
     * @param type the CloudEvents {@code type}, such as {@code chat.message.sent}
     * @param conversationId the conversation the event belongs to (the CloudEvents {@code subject})
     * @param actor the user who acted, or null when the event names none
     * @param time the event time (the Kafka record timestamp)
     * @param attributes every CloudEvents attribute but {@code data}, unknown extensions included
     * @throws NullPointerException if any argument but actor is null
     */
    public EventInfo(
            String id,
            HookKind kind,
            String type,
            String conversationId,
            String actor,
            Instant time,
            Map<String, ?> attributes) {
        this.id = Objects.requireNonNull(id, "id is null");
        this.kind = Objects.requireNonNull(kind, "kind is null");
        this.type = Objects.requireNonNull(type, "type is null");
        this.conversationId = Objects.requireNonNull(conversationId, "conversationId is null");
        this.actor = actor;
        this.time = Objects.requireNonNull(time, "time is null");
        this.attributes = JsonValues.copyObject(Objects.requireNonNull(attributes, "attributes is null"));
    }

    /** The event id: unique per action, stable across redeliveries. Use it to make a hook idempotent. */
    public String id() {
        return id;
    }

    /** The kind of hook call. */
    public HookKind kind() {
        return kind;
    }

    /** The CloudEvents type, such as {@code chat.message.sent} or {@code chat.typing}. */
    public String type() {
        return type;
    }

    /** The conversation's id. */
    public String conversationId() {
        return conversationId;
    }

    /** The user who acted, if the event names one. */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    /** When the chat server says the action happened. */
    public Instant time() {
        return time;
    }

    /** Every CloudEvents attribute of the event but {@code data}, extensions the processor does not know included. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof EventInfo)) {
            return false;
        }
        EventInfo that = (EventInfo) other;
        return id.equals(that.id)
                && kind == that.kind
                && type.equals(that.type)
                && conversationId.equals(that.conversationId)
                && Objects.equals(actor, that.actor)
                && time.equals(that.time)
                && attributes.equals(that.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, conversationId, time);
    }

    @Override
    public String toString() {
        return "EventInfo{id=" + id + ", kind=" + kind.seedName() + ", conversation=" + conversationId + ", actor="
                + actor + ", time=" + time + "}";
    }
}

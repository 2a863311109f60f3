package dev.chathooks.processor.invocation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.HookKind;
import java.util.List;
import java.util.Objects;

/**
 * One hook call to make, as the enrichment topology writes it to the invocations topic (keyed by conversation
 * id): the kind, the event's identity, and the arguments. Participants and added or removed users travel as ids;
 * they are resolved to user records at dispatch, from the users table, so that a 10,000-member conversation does
 * not copy 10,000 user records into every invocation.
 *
 * @param kind the hook kind
 * @param eventId the chat server's event id (for a coalesced typing batch, the first {@code begin}'s id)
 * @param type the CloudEvents type of the event
 * @param conversationId the conversation
 * @param actor the user who acted, or null
 * @param time the event time, epoch milliseconds
 * @param attributes the event's attributes but {@code data}
 * @param conversation the full conversation record
 * @param participantIds all current members (for a deletion, the members before it)
 * @param message the message, for message kinds; else null
 * @param events the typing events, for {@code typing_started}; else null
 * @param userIds the users added or removed, for those kinds; else empty
 * @param source where the event was read, for dead letters and tracing
 * @param wire the JSON the invocation was made from, so that it is written without serializing it again, or, for
 *             an invocation read back, its participant ids as read; null when not known
 */
public record Invocation(
        HookKind kind,
        String eventId,
        String type,
        String conversationId,
        String actor,
        long time,
        ObjectNode attributes,
        ObjectNode conversation,
        List<String> participantIds,
        ObjectNode message,
        ArrayNode events,
        List<String> userIds,
        Source source,
        Wire wire) {
    public Invocation {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(eventId, "eventId is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(conversationId, "conversationId is null");
        Objects.requireNonNull(attributes, "attributes is null");
        Objects.requireNonNull(conversation, "conversation is null");
        participantIds = List.copyOf(participantIds);
        userIds = List.copyOf(userIds);
        Objects.requireNonNull(source, "source is null");
    }

    /**
     * The JSON an invocation's parts were made from, as UTF-8.
     *
     * @param event the chat server's event as it was read, when the invocation's attributes, message and events
     *              are exactly those the event gives ({@link InvocationCodec} derives them again); else null
     * @param conversation the conversation record (equal to {@link #conversation()}); else null
     * @param participantIds the participant ids as a JSON array of strings (equal to {@link #participantIds()}),
     *                       kept by the conversation's state; else null
     */
    public record Wire(byte[] event, byte[] conversation, byte[] participantIds) {
        /** The wire form without the participants'. */
        public Wire(byte[] event, byte[] conversation) {
            this(event, conversation, null);
        }
    }

    /** This invocation without its wire form, for when its parts are changed. */
    public Invocation withoutWire() {
        return new Invocation(
                kind,
                eventId,
                type,
                conversationId,
                actor,
                time,
                attributes,
                conversation,
                participantIds,
                message,
                events,
                userIds,
                source,
                null);
    }

    /** Where the event that caused an invocation was read. */
    public record Source(String topic, int partition, long offset) {
        /** For invocations whose origin is unknown (such as those re-run from a dump). */
        public static final Source UNKNOWN = new Source("", -1, -1);
    }

    /**
     * Equal parts: the wire form is how an invocation was written or read, not what it is, so two invocations of the
     * same parts are equal whatever their wire forms.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Invocation that
                && kind == that.kind
                && time == that.time
                && eventId.equals(that.eventId)
                && type.equals(that.type)
                && conversationId.equals(that.conversationId)
                && Objects.equals(actor, that.actor)
                && attributes.equals(that.attributes)
                && conversation.equals(that.conversation)
                && participantIds.equals(that.participantIds)
                && Objects.equals(message, that.message)
                && Objects.equals(events, that.events)
                && userIds.equals(that.userIds)
                && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, eventId, type, conversationId, actor, time, conversation, participantIds, source);
    }

    @Override
    public String toString() {
        return "Invocation{kind=" + kind.seedName() + ", event=" + eventId + ", conversation=" + conversationId + "}";
    }
}

package dev.chathooks.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.deadletter.RejectedRecordException;
import dev.chathooks.event.ChatEvent;
import dev.chathooks.event.EventParser;
import dev.chathooks.json.Json;
import dev.chathooks.json.RawJsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of an {@link Invocation} on the invocations topic: a JSON object with snake_case keys. The format is
 * internal, but it is versioned ({@code v}) because invocations outlive a processor release in the topic and in
 * dead letters; every version written so far is read.
 *
 * <ul>
 *   <li>Version 2 carries the chat server's event as it was read ({@code event}), from which the reader takes the
 *       attributes, the message and the typing event again, exactly as the topology did. It is written when the
 *       invocation knows its event's bytes ({@link Invocation#wire()}): the event and the conversation record are
 *       copied, not serialized again, which made writing an invocation several times cheaper.</li>
 *   <li>Version 1 carries {@code attributes}, {@code message} and {@code events} as they are; it is written for
 *       invocations whose event is not known or whose parts were changed (a batch of typing events).</li>
 * </ul>
 * Both carry {@code kind}, {@code event_id}, {@code type}, {@code conversation_id}, {@code actor}, {@code time},
 * {@code conversation}, {@code participant_ids}, {@code user_ids} (when not empty) and {@code source}.
 */
public final class InvocationCodec {
    private static final int PARTS_VERSION = 1;
    private static final int EVENT_VERSION = 2;

    private InvocationCodec() {
    }

    /** The invocation as UTF-8 JSON. */
    public static byte[] encode(Invocation invocation) {
        Invocation.Wire wire = invocation.wire();
        byte[] event = wire == null || wire.event() == null || !RawJsonWriter.isPlainUtf8Object(wire.event())
                ? null : wire.event();
        byte[] conversation = wire == null || wire.conversation() == null ? json(invocation.conversation())
                : wire.conversation();
        // Sized so that it never grows: the fixed fields take about 300 bytes, and ids rarely more than 40 each.
        int ids = invocation.participantIds().size() + invocation.userIds().size();
        RawJsonWriter out = new RawJsonWriter(512 + 48 * ids + conversation.length
                + (event == null ? 1024 : event.length));
        out.beginObject();
        out.field("v").number(event == null ? PARTS_VERSION : EVENT_VERSION);
        out.field("kind").string(invocation.kind().seedName());
        out.field("event_id").string(invocation.eventId());
        out.field("type").string(invocation.type());
        out.field("conversation_id").string(invocation.conversationId());
        out.field("actor").string(invocation.actor());
        out.field("time").number(invocation.time());
        if (event != null) {
            out.field("event").raw(event);
        } else {
            out.field("attributes").raw(json(invocation.attributes()));
            if (invocation.message() != null) {
                out.field("message").raw(json(invocation.message()));
            }
            if (invocation.events() != null) {
                out.field("events").raw(json(invocation.events()));
            }
        }
        out.field("conversation").raw(conversation);
        out.field("participant_ids").strings(invocation.participantIds());
        if (!invocation.userIds().isEmpty()) {
            out.field("user_ids").strings(invocation.userIds());
        }
        out.field("source").beginObject()
                .field("topic").string(invocation.source().topic())
                .field("partition").number(invocation.source().partition())
                .field("offset").number(invocation.source().offset())
                .endObject();
        return out.endObject().toByteArray();
    }

    /**
     * Reads an invocation of any version written so far.
     *
     * @throws IllegalArgumentException if the bytes are not an invocation of a known version
     */
    public static Invocation decode(byte[] bytes) {
        JsonNode node;
        try {
            node = Json.ownFormatsMapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an invocation: " + e.getMessage(), e);
        }
        int version = node == null ? -1 : node.path("v").asInt();
        if (version != PARTS_VERSION && version != EVENT_VERSION) {
            throw new IllegalArgumentException("not an invocation of version " + PARTS_VERSION + " or "
                    + EVENT_VERSION);
        }
        HookKind kind = HookKind.fromSeedName(node.path("kind").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown invocation kind " + node.path("kind")));
        String conversationId = node.path("conversation_id").asText();
        long time = node.path("time").asLong();
        ObjectNode attributes;
        ObjectNode message;
        ArrayNode events;
        if (version == EVENT_VERSION) {
            ChatEvent event = event(node.get("event"), conversationId, time);
            attributes = event.attributes();
            message = isMessageKind(kind) ? event.message() : null;
            events = null;
            if (kind == HookKind.TYPING_STARTED) {
                events = Json.array();
                events.add(event.typingEvent());
            }
        } else {
            attributes = object(node.get("attributes"));
            message = node.get("message") instanceof ObjectNode ? (ObjectNode) node.get("message") : null;
            events = node.get("events") instanceof ArrayNode ? (ArrayNode) node.get("events") : null;
        }
        JsonNode source = node.path("source");
        return new Invocation(kind, node.path("event_id").asText(), node.path("type").asText(), conversationId,
                node.path("actor").isTextual() ? node.get("actor").asText() : null, time, attributes,
                object(node.get("conversation")), stringList(node.get("participant_ids")), message, events,
                stringList(node.get("user_ids")),
                new Invocation.Source(source.path("topic").asText(), source.path("partition").asInt(-1),
                        source.path("offset").asLong(-1)));
    }

    /** The event of a version 2 invocation, taken apart as the topology did when it read it. */
    private static ChatEvent event(JsonNode node, String conversationId, long time) {
        if (!(node instanceof ObjectNode)) {
            throw new IllegalArgumentException("an invocation of version " + EVENT_VERSION + " without its event");
        }
        try {
            return EventParser.check(conversationId, (ObjectNode) node, time);
        } catch (RejectedRecordException e) {
            throw new IllegalArgumentException("the event of an invocation is not valid: " + e.getMessage(), e);
        }
    }

    private static boolean isMessageKind(HookKind kind) {
        return kind == HookKind.AFTER_MESSAGE_SENT || kind == HookKind.AFTER_MESSAGE_UPDATED
                || kind == HookKind.AFTER_MESSAGE_DELETED;
    }

    private static byte[] json(JsonNode node) {
        try {
            return Json.ownFormatsMapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("an invocation's tree always serializes", e);
        }
    }

    private static ObjectNode object(JsonNode node) {
        return node instanceof ObjectNode ? (ObjectNode) node : Json.object();
    }

    private static List<String> stringList(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<String> values = new ArrayList<>(node.size());
        node.forEach(item -> values.add(item.asText()));
        return values;
    }
}

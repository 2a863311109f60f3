package dev.chathooks.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of an {@link Invocation} on the invocations topic: a JSON object with snake_case keys. The
 * format is internal, but it is versioned ({@code v}) because invocations outlive a processor release in the
 * topic and in dead letters.
 */
public final class InvocationCodec {
    private static final int VERSION = 1;

    private InvocationCodec() {
    }

    /** The invocation as UTF-8 JSON. */
    public static byte[] encode(Invocation invocation) {
        ObjectNode node = Json.object();
        node.put("v", VERSION);
        node.put("kind", invocation.kind().seedName());
        node.put("event_id", invocation.eventId());
        node.put("type", invocation.type());
        node.put("conversation_id", invocation.conversationId());
        node.put("actor", invocation.actor());
        node.put("time", invocation.time());
        node.set("attributes", invocation.attributes());
        node.set("conversation", invocation.conversation());
        node.set("participant_ids", strings(invocation.participantIds()));
        if (invocation.message() != null) {
            node.set("message", invocation.message());
        }
        if (invocation.events() != null) {
            node.set("events", invocation.events());
        }
        if (!invocation.userIds().isEmpty()) {
            node.set("user_ids", strings(invocation.userIds()));
        }
        ObjectNode source = node.putObject("source");
        source.put("topic", invocation.source().topic());
        source.put("partition", invocation.source().partition());
        source.put("offset", invocation.source().offset());
        try {
            return Json.ownFormatsMapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("an invocation tree always serializes", e);
        }
    }

    /**
     * Reads an invocation.
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
        if (node == null || node.path("v").asInt() != VERSION) {
            throw new IllegalArgumentException("not an invocation of version " + VERSION);
        }
        HookKind kind = HookKind.fromSeedName(node.path("kind").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown invocation kind " + node.path("kind")));
        JsonNode source = node.path("source");
        return new Invocation(kind, node.path("event_id").asText(), node.path("type").asText(),
                node.path("conversation_id").asText(), node.path("actor").isTextual() ? node.get("actor").asText() : null,
                node.path("time").asLong(), object(node.get("attributes")), object(node.get("conversation")),
                stringList(node.get("participant_ids")),
                node.get("message") instanceof ObjectNode ? (ObjectNode) node.get("message") : null,
                node.get("events") instanceof ArrayNode ? (ArrayNode) node.get("events") : null,
                stringList(node.get("user_ids")),
                new Invocation.Source(source.path("topic").asText(), source.path("partition").asInt(-1),
                        source.path("offset").asLong(-1)));
    }

    private static ObjectNode object(JsonNode node) {
        return node instanceof ObjectNode ? (ObjectNode) node : Json.object();
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
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

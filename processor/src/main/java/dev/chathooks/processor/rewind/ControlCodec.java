package dev.chathooks.processor.rewind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The wire form of {@link ControlMessage}s: a JSON object with a {@code type} ({@code rewind}, {@code rewound},
 * {@code rewind-failed}), the {@code request_id} and the {@code hook}; partitions as decimal strings.
 */
final class ControlCodec {
    private ControlCodec() {}

    /** The message as UTF-8 JSON. */
    static byte[] encode(ControlMessage message) {
        ObjectNode node = Json.object();
        node.put("request_id", message.requestId());
        node.put("hook", message.hook());
        if (message instanceof ControlMessage.RewindRequest request) {
            node.put("type", "rewind");
            node.set("offsets", offsets(request.offsets()));
            node.put("expires_at", request.expiresAt());
        } else if (message instanceof ControlMessage.Rewound rewound) {
            node.put("type", "rewound");
            node.put("instance", rewound.instance());
            node.set("offsets", offsets(rewound.offsets()));
        } else if (message instanceof ControlMessage.RewindFailed failed) {
            node.put("type", "rewind-failed");
            node.put("instance", failed.instance());
            failed.partitions().stream().sorted().forEach(node.putArray("partitions")::add);
            node.put("error", failed.error());
        }
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a control message always serializes", e);
        }
    }

    /**
     * Reads a message.
     *
     * @throws IllegalArgumentException if the bytes are not a control message this version knows
     */
    static ControlMessage decode(byte[] bytes) {
        JsonNode node;
        try {
            node = bytes == null ? null : Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (node == null
                || !node.path("request_id").isTextual()
                || !node.path("hook").isTextual()) {
            throw new IllegalArgumentException("no request_id or hook");
        }
        String requestId = node.get("request_id").textValue();
        String hook = node.get("hook").textValue();
        switch (node.path("type").asText()) {
            case "rewind":
                return new ControlMessage.RewindRequest(
                        requestId,
                        hook,
                        offsets(node.get("offsets")),
                        node.path("expires_at").asLong());
            case "rewound":
                return new ControlMessage.Rewound(
                        requestId, hook, node.path("instance").asText(), offsets(node.get("offsets")));
            case "rewind-failed":
                Set<Integer> partitions = new TreeSet<>();
                node.path("partitions").forEach(partition -> partitions.add(partition.asInt()));
                return new ControlMessage.RewindFailed(
                        requestId,
                        hook,
                        node.path("instance").asText(),
                        partitions,
                        node.path("error").asText());
            default:
                throw new IllegalArgumentException("unknown type " + node.path("type"));
        }
    }

    private static ObjectNode offsets(Map<Integer, Long> offsets) {
        ObjectNode node = Json.object();
        new TreeMap<>(offsets).forEach((partition, offset) -> node.put(Integer.toString(partition), offset));
        return node;
    }

    private static Map<Integer, Long> offsets(JsonNode node) {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("no offsets");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            try {
                offsets.put(Integer.parseInt(field.getKey()), field.getValue().asLong());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("partition " + field.getKey() + " is not a number", e);
            }
        }
        return offsets;
    }
}

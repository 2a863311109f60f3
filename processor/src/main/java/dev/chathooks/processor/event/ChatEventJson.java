package dev.chathooks.processor.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.json.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes a chat event in the contract's wire form, CloudEvents 1.0 structured JSON: the one place that builds the
 * envelope, as {@link EventParser} is the one that reads it. The simulated chat server, the hook test kit and the
 * tests build their events with it, each with its own ids, source and clock.
 */
public final class ChatEventJson {
    private ChatEventJson() {}

    /**
     * An event as a JSON object.
     *
     * @param id the event id, unique per source (the idempotency key of the hook calls it leads to)
     * @param source the CloudEvents {@code source} naming the chat server
     * @param type the event type, such as {@code chat.message.sent}
     * @param time when it happened, or null to leave {@code time} out (the record's timestamp then counts)
     * @param conversationId the {@code subject}: the conversation, also the record's key
     * @param actor the user who acted, or null for none (the server itself)
     * @param data the type's {@code data} object
     */
    public static ObjectNode event(
            String id, String source, String type, Instant time, String conversationId, String actor, JsonNode data) {
        ObjectNode event = Json.object();
        event.put("specversion", "1.0");
        event.put("id", Objects.requireNonNull(id, "id"));
        event.put("source", Objects.requireNonNull(source, "source"));
        event.put("type", Objects.requireNonNull(type, "type"));
        if (time != null) {
            event.put("time", time.toString());
        }
        event.put("subject", conversationId);
        if (actor != null) {
            event.put("actor", actor);
        }
        event.set("data", data);
        return event;
    }
}

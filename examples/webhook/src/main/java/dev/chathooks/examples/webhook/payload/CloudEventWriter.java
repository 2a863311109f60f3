package dev.chathooks.examples.webhook.payload;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.chathooks.api.ChatObject;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.User;
import dev.chathooks.examples.webhook.config.ParticipantsMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a call as a CloudEvents 1.0 structured JSON document, the body of the webhook's request:
 * <pre>{@code
 * {"specversion": "1.0", "id": <event id>, "source": "/chat-hooks", "type": <seed name of the kind>,
 *  "subject": <conversation id>, "time": <event time>, "datacontenttype": "application/json",
 *  "actor": <user who acted, when the event names one>,
 *  "data": {"message": ..., "conversation": ..., "participants": [...], "events" | "new_users" | "old_users": [...]}}
 * }</pre>
 * {@code data} holds the seed's parameters by the seed's names, in the shapes of the invocation log (records as
 * JSON objects with every field the chat server sent), so one schema documents both. With
 * {@link ParticipantsMode#IDS}, {@code participants} is the list of their ids. Minified, UTF-8. Thread-safe.
 */
public final class CloudEventWriter {
    /** The CloudEvents {@code source} of every request. */
    public static final String SOURCE = "/chat-hooks";

    /**
     * The request's {@code Content-Type}: the CloudEvents HTTP binding's structured mode, by which SDKs (Java's
     * {@code HttpMessageFactory}, JavaScript's {@code HTTP.toEvent}, ...) recognise a structured event. The body is
     * the same JSON either way, so receivers that parse it as plain JSON keep working. Structured rather than binary
     * mode: the signature covers the body, so in structured mode it covers every attribute too.
     */
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final JsonFactory factory = new JsonFactory();
    private final ParticipantsMode participants;

    /** @param participants how participants are written */
    public CloudEventWriter(ParticipantsMode participants) {
        this.participants = Objects.requireNonNull(participants, "participants is null");
    }

    /** The request body for a call. */
    public byte[] write(EventInfo event, CallData call) {
        // A payload is usually a few hundred bytes to a few kilobytes; the builder grows as needed.
        ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
        try (JsonGenerator json = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("specversion", "1.0");
            json.writeStringField("id", event.id());
            json.writeStringField("source", SOURCE);
            json.writeStringField("type", event.kind().seedName());
            json.writeStringField("subject", event.conversationId());
            json.writeStringField("time", event.time().toString());
            json.writeStringField("datacontenttype", "application/json");
            if (event.actor().isPresent()) {
                json.writeStringField("actor", event.actor().get());
            }
            json.writeFieldName("data");
            writeData(json, event.kind(), call);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the payload of event " + event.id(), e);
        }
        return bytes.toByteArray();
    }

    private void writeData(JsonGenerator json, HookKind kind, CallData call) throws IOException {
        json.writeStartObject();
        if (call.message() != null) {
            json.writeFieldName("message");
            writeObject(json, call.message());
        }
        json.writeFieldName("conversation");
        writeObject(json, call.conversation());
        json.writeFieldName("participants");
        if (participants == ParticipantsMode.IDS) {
            json.writeStartArray();
            for (User user : call.participants()) {
                json.writeString(user.id());
            }
            json.writeEndArray();
        } else {
            writeList(json, call.participants());
        }
        if (kind == HookKind.TYPING_STARTED) {
            json.writeFieldName("events");
            writeList(json, call.events() == null ? List.of() : call.events());
        } else if (kind == HookKind.AFTER_USERS_ADDED_TO_CONVERSATION) {
            json.writeFieldName("new_users");
            writeList(json, call.changedUsers() == null ? List.of() : call.changedUsers());
        } else if (kind == HookKind.AFTER_USERS_REMOVED_FROM_CONVERSATION) {
            json.writeFieldName("old_users");
            writeList(json, call.changedUsers() == null ? List.of() : call.changedUsers());
        }
        json.writeEndObject();
    }

    private static void writeList(JsonGenerator json, List<? extends ChatObject> objects) throws IOException {
        json.writeStartArray();
        for (ChatObject object : objects) {
            writeObject(json, object);
        }
        json.writeEndArray();
    }

    private static void writeObject(JsonGenerator json, ChatObject object) throws IOException {
        writeMap(json, object.fields());
    }

    private static void writeMap(JsonGenerator json, Map<?, ?> map) throws IOException {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            json.writeFieldName((String) entry.getKey());
            writeValue(json, entry.getValue());
        }
        json.writeEndObject();
    }

    /** Values are JSON-shaped, as {@link ChatObject} guarantees: its fields hold nothing else. */
    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String) {
            json.writeString((String) value);
        } else if (value instanceof Boolean) {
            json.writeBoolean((Boolean) value);
        } else if (value instanceof Long) {
            json.writeNumber((Long) value);
        } else if (value instanceof Double) {
            json.writeNumber((Double) value);
        } else if (value instanceof BigInteger) {
            json.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            json.writeNumber((BigDecimal) value);
        } else if (value instanceof Map) {
            writeMap(json, (Map<?, ?>) value);
        } else if (value instanceof List) {
            json.writeStartArray();
            for (Object item : (List<?>) value) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }
}

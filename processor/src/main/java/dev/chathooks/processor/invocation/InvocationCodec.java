package dev.chathooks.processor.invocation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.processor.deadletter.RejectedRecordException;
import dev.chathooks.processor.event.ChatEvent;
import dev.chathooks.processor.event.EventParser;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.json.RawJsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** Reads one value of an invocation as a tree, with the rest of the invocation after it. */
    private static final ObjectReader VALUE =
            Json.ownFormatsMapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final RawJsonWriter.Name V = RawJsonWriter.name("v");
    private static final RawJsonWriter.Name KIND = RawJsonWriter.name("kind");
    private static final RawJsonWriter.Name EVENT_ID = RawJsonWriter.name("event_id");
    private static final RawJsonWriter.Name TYPE = RawJsonWriter.name("type");
    private static final RawJsonWriter.Name CONVERSATION_ID = RawJsonWriter.name("conversation_id");
    private static final RawJsonWriter.Name ACTOR = RawJsonWriter.name("actor");
    private static final RawJsonWriter.Name TIME = RawJsonWriter.name("time");
    private static final RawJsonWriter.Name EVENT = RawJsonWriter.name("event");
    private static final RawJsonWriter.Name CONVERSATION = RawJsonWriter.name("conversation");
    private static final RawJsonWriter.Name PARTICIPANT_IDS = RawJsonWriter.name("participant_ids");
    private static final RawJsonWriter.Name USER_IDS = RawJsonWriter.name("user_ids");
    private static final RawJsonWriter.Name SOURCE = RawJsonWriter.name("source");
    private static final RawJsonWriter.Name TOPIC = RawJsonWriter.name("topic");
    private static final RawJsonWriter.Name PARTITION = RawJsonWriter.name("partition");
    private static final RawJsonWriter.Name OFFSET = RawJsonWriter.name("offset");

    private InvocationCodec() {}

    /** The invocation as UTF-8 JSON. */
    public static byte[] encode(Invocation invocation) {
        Invocation.Wire wire = invocation.wire();
        byte[] event = wire == null || wire.event() == null || !RawJsonWriter.isPlainUtf8Object(wire.event())
                ? null
                : wire.event();
        byte[] conversation =
                wire == null || wire.conversation() == null ? json(invocation.conversation()) : wire.conversation();
        // Sized so that it never grows: the fixed fields take about 300 bytes, and ids rarely more than 40 each.
        int ids = invocation.participantIds().size() + invocation.userIds().size();
        RawJsonWriter out =
                new RawJsonWriter(512 + 48 * ids + conversation.length + (event == null ? 1024 : event.length));
        out.beginObject();
        out.field(V).number(event == null ? PARTS_VERSION : EVENT_VERSION);
        out.field(KIND).string(invocation.kind().seedName());
        out.field(EVENT_ID).string(invocation.eventId());
        out.field(TYPE).string(invocation.type());
        out.field(CONVERSATION_ID).string(invocation.conversationId());
        out.field(ACTOR).string(invocation.actor());
        out.field(TIME).number(invocation.time());
        if (event != null) {
            out.field(EVENT).raw(event);
        } else {
            out.field("attributes").raw(json(invocation.attributes()));
            if (invocation.message() != null) {
                out.field("message").raw(json(invocation.message()));
            }
            if (invocation.events() != null) {
                out.field("events").raw(json(invocation.events()));
            }
        }
        out.field(CONVERSATION).raw(conversation);
        if (wire != null && wire.participantIds() != null) {
            out.field(PARTICIPANT_IDS).raw(wire.participantIds());
        } else {
            out.field(PARTICIPANT_IDS).strings(invocation.participantIds());
        }
        if (!invocation.userIds().isEmpty()) {
            out.field(USER_IDS).strings(invocation.userIds());
        }
        out.field(SOURCE)
                .beginObject()
                .field(TOPIC)
                .string(invocation.source().topic())
                .field(PARTITION)
                .number(invocation.source().partition())
                .field(OFFSET)
                .number(invocation.source().offset())
                .endObject();
        return out.endObject().toByteArray();
    }

    /**
     * Reads an invocation of any version written so far.
     *
     * @throws IllegalArgumentException if the bytes are not an invocation of a known version
     */
    public static Invocation decode(byte[] bytes) {
        return decode(bytes, (kind, eventId) -> true);
    }

    /** Whether a dispatcher wants an invocation, judged by its kind and event id alone. */
    @FunctionalInterface
    public interface Wanted {
        /** True to read the rest of the invocation. */
        boolean test(HookKind kind, String eventId);
    }

    /**
     * Reads an invocation as {@link #decode(byte[])} does, but stops after its kind and event id (the first fields
     * written) when {@code wanted} says no: a hook that takes few kinds, or a record it has already finished, costs
     * no parse of the event and the conversation.
     *
     * @return the invocation, or null if it is not wanted
     * @throws IllegalArgumentException if the bytes are not an invocation of a known version
     */
    public static Invocation decode(byte[] bytes, Wanted wanted) {
        try (JsonParser parser = Json.ownFormatsMapper().createParser(bytes)) {
            return read(parser, bytes, wanted);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an invocation: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the object field by field, in any order; the parts are checked as the whole was before. The participant
     * ids are kept as read too (the invocation's {@link Invocation.Wire}), so that a reader can tell an invocation
     * that carries the same ones as an earlier one by their bytes.
     */
    private static Invocation read(JsonParser parser, byte[] bytes, Wanted wanted) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(
                    "not an invocation of version " + PARTS_VERSION + " or " + EVENT_VERSION);
        }
        Fields fields = new Fields();
        boolean asked = false;
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "participant_ids" -> {
                    int from = (int) parser.currentTokenLocation().getByteOffset();
                    Strings ids = strings(parser);
                    fields.participantIds = ids.values();
                    fields.participantIdsJson = ids.onlyStrings() ? asRead(bytes, from, parser) : null;
                }
                case "user_ids" -> fields.userIds = strings(parser).values();
                default -> fields.put(name, value(parser));
            }
            if (!asked && fields.version != null && fields.kindName != null && fields.eventId != null) {
                asked = true;
                fields.checkVersion();
                if (!wanted.test(fields.kind(), fields.eventId.asText())) {
                    return null;
                }
            }
        }
        fields.checkVersion();
        if (!asked && !wanted.test(fields.kind(), fields.eventId == null ? "" : fields.eventId.asText())) {
            return null;
        }
        return fields.invocation();
    }

    /** The fields of an invocation as read, in the shapes the tree form gave. */
    private static final class Fields {
        JsonNode version;
        JsonNode kindName;
        JsonNode eventId;
        JsonNode type;
        JsonNode conversationId;
        JsonNode actor;
        JsonNode time;
        JsonNode event;
        JsonNode attributes;
        JsonNode message;
        JsonNode events;
        JsonNode conversation;
        JsonNode source;
        List<String> participantIds = List.of();
        List<String> userIds = List.of();
        /** The participant ids' bytes as read, when they are an array of strings alone. */
        byte[] participantIdsJson;

        void put(String name, JsonNode value) {
            switch (name) {
                case "v" -> version = value;
                case "kind" -> kindName = value;
                case "event_id" -> eventId = value;
                case "type" -> type = value;
                case "conversation_id" -> conversationId = value;
                case "actor" -> actor = value;
                case "time" -> time = value;
                case "event" -> event = value;
                case "attributes" -> attributes = value;
                case "message" -> message = value;
                case "events" -> events = value;
                case "conversation" -> conversation = value;
                case "source" -> source = value;
                default -> {} // a field a later version may add: not needed to make the call
            }
        }

        void checkVersion() {
            int v = version == null ? 0 : version.asInt();
            if (v != PARTS_VERSION && v != EVENT_VERSION) {
                throw new IllegalArgumentException(
                        "not an invocation of version " + PARTS_VERSION + " or " + EVENT_VERSION);
            }
        }

        HookKind kind() {
            String name = text(kindName);
            return HookKind.fromSeedName(name)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown invocation kind " + (kindName == null ? "" : kindName.toString())));
        }

        Invocation invocation() {
            HookKind kind = kind();
            String conversation = text(conversationId);
            long at = time == null ? 0 : time.asLong();
            ObjectNode attributeNode;
            ObjectNode messageNode;
            ArrayNode eventNodes;
            if (version.asInt() == EVENT_VERSION) {
                ChatEvent read = event(event, conversation, at);
                attributeNode = read.attributes();
                messageNode = isMessageKind(kind) ? read.message() : null;
                eventNodes = null;
                if (kind == HookKind.TYPING_STARTED) {
                    eventNodes = Json.array();
                    eventNodes.add(read.typingEvent());
                }
            } else {
                attributeNode = object(attributes);
                messageNode = message instanceof ObjectNode ? (ObjectNode) message : null;
                eventNodes = events instanceof ArrayNode ? (ArrayNode) events : null;
            }
            JsonNode from = source == null ? Json.object() : source;
            return new Invocation(
                    kind,
                    text(eventId),
                    text(type),
                    conversation,
                    actor != null && actor.isTextual() ? actor.asText() : null,
                    at,
                    attributeNode,
                    object(this.conversation),
                    participantIds,
                    messageNode,
                    eventNodes,
                    userIds,
                    new Invocation.Source(
                            from.path("topic").asText(),
                            from.path("partition").asInt(-1),
                            from.path("offset").asLong(-1)),
                    participantIdsJson == null ? null : new Invocation.Wire(null, null, participantIdsJson));
        }

        private static String text(JsonNode node) {
            return node == null ? "" : node.asText();
        }
    }

    /**
     * The value at the parser as a tree. Text and whole numbers, most of an invocation's fields, are made here: a
     * tree reader makes a deserialization context for every value it reads, which was a tenth of the decoding.
     */
    private static JsonNode value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return TextNode.valueOf(parser.getText());
        }
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return LongNode.valueOf(parser.getLongValue());
        }
        return VALUE.readTree(parser);
    }

    /**
     * Items as text.
     *
     * @param values the items as the tree's {@code asText} gave them
     * @param onlyStrings whether they were read from an array of strings alone
     */
    private record Strings(List<String> values, boolean onlyStrings) {}

    /**
     * The bytes of the array that began at {@code from} and that the parser has just read to its end, or null if they
     * are not one array.
     */
    private static byte[] asRead(byte[] bytes, int from, JsonParser parser) {
        long to = parser.currentLocation().getByteOffset();
        if (from < 0 || to <= from || to > bytes.length || bytes[from] != '[' || bytes[(int) to - 1] != ']') {
            return null;
        }
        return Arrays.copyOfRange(bytes, from, (int) to);
    }

    /** An array's items as text; anything but an array is empty. */
    private static Strings strings(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return new Strings(List.of(), false);
        }
        List<String> values = new ArrayList<>();
        boolean onlyStrings = true;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_STRING) {
                values.add(parser.getText());
            } else {
                onlyStrings = false;
                values.add(VALUE.readTree(parser) instanceof JsonNode node ? node.asText() : "");
            }
        }
        return new Strings(values, onlyStrings);
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
        return kind == HookKind.AFTER_MESSAGE_SENT
                || kind == HookKind.AFTER_MESSAGE_UPDATED
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
}

package dev.chathooks.processor.event;

import static dev.chathooks.processor.deadletter.ReasonCode.KEY_MISMATCH;
import static dev.chathooks.processor.deadletter.ReasonCode.MALFORMED_JSON;
import static dev.chathooks.processor.deadletter.ReasonCode.MISSING_FIELD;
import static dev.chathooks.processor.deadletter.ReasonCode.TOO_LARGE;
import static dev.chathooks.processor.deadletter.ReasonCode.UNKNOWN_TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.deadletter.RejectedRecordException;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a record of a conversation-keyed topic into a {@link ChatEvent}, or says precisely why it cannot: the
 * reasons name fields, never content, because they are written to the dead-letter topic and logs.
 */
public final class EventParser {
    private static final Set<String> TYPING_STATES = Set.of("begin", "pause", "finished");

    private final int maxRecordBytes;

    /** @param maxRecordBytes the largest value accepted; larger ones are rejected as {@code too-large} */
    public EventParser(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Parses and checks one record.
     *
     * @param key the record key (the conversation id, UTF-8), or null
     * @param value the record value, or null for a tombstone
     * @param timestamp the record timestamp
     * @throws RejectedRecordException with the reason, if the record cannot be used
     */
    public ChatEvent parse(byte[] key, byte[] value, long timestamp) throws RejectedRecordException {
        ObjectNode root = parseObject(value, maxRecordBytes);
        return event(key == null ? null : new String(key, StandardCharsets.UTF_8), root, timestamp, value);
    }

    /**
     * Checks an event already parsed (as {@link #parse} does after parsing) and takes it apart: {@code root} is
     * changed (its {@code data} is moved out, and a message gets its {@code conversation_id}), so it must be the
     * caller's own.
     *
     * @param recordKey the record key, or null
     * @param root the event
     * @param timestamp the record timestamp
     * @throws RejectedRecordException with the reason, if the event cannot be used
     */
    public static ChatEvent check(String recordKey, ObjectNode root, long timestamp) throws RejectedRecordException {
        return event(recordKey, root, timestamp, null);
    }

    private static ChatEvent event(String recordKey, ObjectNode root, long timestamp, byte[] json)
            throws RejectedRecordException {
        String id = requireText(root, "id", "id");
        String typeName = requireText(root, "type", "type");
        EventType type = EventType.fromWireName(typeName)
                .orElseThrow(() -> new RejectedRecordException(
                        UNKNOWN_TYPE, "type '" + truncate(typeName) + "' is not one of " + knownTypes()));
        String specVersion = requireText(root, "specversion", "specversion");
        if (!"1.0".equals(specVersion)) {
            throw new RejectedRecordException(
                    MISSING_FIELD, "specversion is '" + truncate(specVersion) + "'; only CloudEvents 1.0 is supported");
        }
        // Required by CloudEvents and by the schema; checked, not used: who wrote the event is not the processor's
        // concern, but an event without it is not the contract's.
        requireText(root, "source", "source");
        String subject = requireText(root, "subject", "subject (the conversation id)");
        if (!subject.equals(recordKey)) {
            throw new RejectedRecordException(
                    KEY_MISMATCH,
                    recordKey == null
                            ? "the record has no key; it must be the conversation id " + truncate(subject)
                            : "key " + truncate(recordKey) + " is not the subject " + truncate(subject));
        }
        JsonNode actorNode = root.get("actor");
        if (actorNode != null && !actorNode.isNull() && !actorNode.isTextual()) {
            throw new RejectedRecordException(MISSING_FIELD, "actor must be a string (a user id)");
        }
        JsonNode dataNode = root.get("data");
        if (!(dataNode instanceof ObjectNode)) {
            throw new RejectedRecordException(MISSING_FIELD, "data must be an object");
        }
        ObjectNode data = (ObjectNode) dataNode;
        checkData(type, subject, data);
        root.remove("data");
        ObjectNode attributes = root; // every top-level attribute but data
        String actor = actorNode == null || actorNode.isNull() ? null : actorNode.textValue();
        return new ChatEvent(id, type, subject, actor, timestamp, attributes, data, json);
    }

    /**
     * Parses a value that must be a JSON object.
     *
     * @throws RejectedRecordException as {@code malformed-json} or {@code too-large}
     */
    public static ObjectNode parseObject(byte[] value, int maxRecordBytes) throws RejectedRecordException {
        if (value == null || value.length == 0) {
            throw new RejectedRecordException(MALFORMED_JSON, "the value is empty; it must be a JSON object");
        }
        if (value.length > maxRecordBytes) {
            throw new RejectedRecordException(
                    TOO_LARGE,
                    "the value has " + value.length + " bytes; the limit is " + maxRecordBytes
                            + " (input.max-record-bytes)");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(value);
        } catch (StreamConstraintsException e) {
            throw new RejectedRecordException(
                    TOO_LARGE,
                    "the value exceeds a JSON limit (nesting depth " + Json.MAX_NESTING_DEPTH + ", string length "
                            + Json.MAX_STRING_LENGTH + ")");
        } catch (JsonProcessingException e) {
            throw new RejectedRecordException(MALFORMED_JSON, describe(e));
        } catch (IOException e) {
            throw new RejectedRecordException(MALFORMED_JSON, "the value cannot be read as JSON");
        }
        if (!(root instanceof ObjectNode)) {
            throw new RejectedRecordException(
                    MALFORMED_JSON,
                    "the value is JSON "
                            + (root == null
                                    ? "nothing"
                                    : root.getNodeType().name().toLowerCase()) + ", not an object");
        }
        return (ObjectNode) root;
    }

    private static String describe(JsonProcessingException e) {
        // The original message quotes the input; keep only the problem and where it is.
        String message = e.getOriginalMessage();
        int quote = message.indexOf('\'');
        String problem = quote > 0 ? message.substring(0, quote).trim() : message;
        if (problem.length() > 120) {
            problem = problem.substring(0, 120);
        }
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return "the value is not valid JSON: " + problem + where;
    }

    private static void checkData(EventType type, String subject, ObjectNode data) throws RejectedRecordException {
        switch (type) {
            case CONVERSATION_SNAPSHOT:
            case CONVERSATION_CREATED:
                checkConversation(data, subject, true);
                requireStringList(data, "participant_ids", true);
                requireStringList(data, "admin_ids", false);
                break;
            case CONVERSATION_UPDATED:
                checkConversation(data, subject, true);
                break;
            case CONVERSATION_DELETED:
                checkConversation(data, subject, false);
                break;
            case PARTICIPANTS_ADDED:
            case PARTICIPANTS_REMOVED:
                if (requireStringList(data, "user_ids", true).isEmpty()) {
                    throw new RejectedRecordException(MISSING_FIELD, "data.user_ids must name at least one user");
                }
                break;
            case MESSAGE_SENT:
            case MESSAGE_UPDATED:
            case MESSAGE_DELETED:
                checkMessage(data, subject);
                break;
            case TYPING:
                requireText(data, "user_id", "data.user_id");
                String state = requireText(data, "event", "data.event");
                if (!TYPING_STATES.contains(state)) {
                    throw new RejectedRecordException(
                            MISSING_FIELD,
                            "data.event is '" + truncate(state) + "'; it must be begin, pause or finished");
                }
                JsonNode at = data.get("at");
                if (at != null && !at.isNull() && !at.isTextual() && !at.isIntegralNumber()) {
                    throw new RejectedRecordException(
                            MISSING_FIELD, "data.at must be an RFC 3339 string or epoch milliseconds");
                }
                break;
            default:
                throw new IllegalStateException("no check for " + type);
        }
    }

    private static void checkConversation(ObjectNode data, String subject, boolean required)
            throws RejectedRecordException {
        JsonNode conversation = data.get("conversation");
        if (conversation == null || conversation.isNull()) {
            if (required) {
                throw new RejectedRecordException(MISSING_FIELD, "data.conversation is required");
            }
            return;
        }
        if (!conversation.isObject()) {
            throw new RejectedRecordException(MISSING_FIELD, "data.conversation must be an object");
        }
        String id = requireText(conversation, "id", "data.conversation.id");
        if (!id.equals(subject)) {
            throw new RejectedRecordException(
                    KEY_MISMATCH, "data.conversation.id " + truncate(id) + " is not the subject " + truncate(subject));
        }
    }

    private static void checkMessage(ObjectNode data, String subject) throws RejectedRecordException {
        JsonNode message = data.get("message");
        if (!(message instanceof ObjectNode)) {
            throw new RejectedRecordException(MISSING_FIELD, "data.message must be an object");
        }
        requireText(message, "id", "data.message.id");
        JsonNode conversationId = message.get("conversation_id");
        if (conversationId == null || conversationId.isNull()) {
            ((ObjectNode) message).put("conversation_id", subject);
        } else if (!conversationId.isTextual()) {
            throw new RejectedRecordException(MISSING_FIELD, "data.message.conversation_id must be a string");
        } else if (!conversationId.textValue().equals(subject)) {
            throw new RejectedRecordException(
                    KEY_MISMATCH,
                    "data.message.conversation_id " + truncate(conversationId.textValue()) + " is not the subject "
                            + truncate(subject));
        }
        JsonNode sender = message.get("sender_id");
        if (sender != null && !sender.isNull() && !sender.isTextual()) {
            throw new RejectedRecordException(MISSING_FIELD, "data.message.sender_id must be a string");
        }
    }

    private static String requireText(JsonNode node, String field, String name) throws RejectedRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new RejectedRecordException(MISSING_FIELD, name + " is required");
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new RejectedRecordException(MISSING_FIELD, name + " must be a non-empty string");
        }
        return value.textValue();
    }

    private static List<String> requireStringList(ObjectNode data, String field, boolean required)
            throws RejectedRecordException {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new RejectedRecordException(MISSING_FIELD, "data." + field + " is required");
            }
            return List.of();
        }
        if (!value.isArray()) {
            throw new RejectedRecordException(MISSING_FIELD, "data." + field + " must be a list of user ids");
        }
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().isEmpty()) {
                throw new RejectedRecordException(
                        MISSING_FIELD, "data." + field + " must hold only user ids (strings)");
            }
        }
        return strings(value);
    }

    /** The strings of a JSON array, in order, without duplicates; empty for anything else. */
    static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        Set<String> strings = new LinkedHashSet<>(array.size() * 4 / 3 + 1);
        for (JsonNode item : array) {
            if (item.isTextual()) {
                strings.add(item.textValue());
            }
        }
        return List.copyOf(strings);
    }

    private static String knownTypes() {
        StringBuilder known = new StringBuilder();
        for (EventType type : EventType.values()) {
            known.append(known.length() == 0 ? "" : ", ").append(type.wireName());
        }
        return known.toString();
    }

    /** Ids and types quoted in reasons are cut, so a hostile record cannot fill the dead-letter headers. */
    static String truncate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

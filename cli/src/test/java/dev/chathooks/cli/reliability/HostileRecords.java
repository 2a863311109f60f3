package dev.chathooks.cli.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.json.Json;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Records a chat server should never write, or an attacker might: broken JSON, wrong types, huge fields, deep
 * nesting, unknown types, missing ids, wrong keys, events of conversations that do not exist, and bad user records.
 * Each comes with the reason code its dead letter must carry. Bodies hold {@link #MARKER}, which no reason may
 * repeat.
 */
final class HostileRecords {
    /** Written into every hostile body: a reason that quotes content would show it. */
    static final String MARKER = "CONTENT-NOT-FOR-LOGS";

    /**
     * One hostile record.
     *
     * @param topic the input topic's configuration suffix ({@code conversations}, {@code messages}, {@code typing},
     *     {@code users})
     * @param key the record key, or null
     * @param value the record value, or null
     * @param code the reason code its dead letter must have
     * @param kind what is wrong with it
     */
    record Hostile(String topic, byte[] key, byte[] value, String code, String kind) {}

    private record Kind(String name, int weight, IntFunction<Hostile> make) {}

    private final List<String> conversations;
    private final Random random;
    private final List<Kind> kinds = new ArrayList<>();

    /** @param conversations ids of conversations that exist, used as keys so bad records land among good ones */
    HostileRecords(List<String> conversations, long seed) {
        this.conversations = conversations;
        this.random = new Random(seed);
        define();
    }

    /** {@code count} hostile records, of every kind, in a random order. */
    List<Hostile> generate(int count) {
        int totalWeight = kinds.stream().mapToInt(Kind::weight).sum();
        List<Hostile> records = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            int pick = random.nextInt(totalWeight);
            for (Kind kind : kinds) {
                pick -= kind.weight();
                if (pick < 0) {
                    records.add(kind.make().apply(n));
                    break;
                }
            }
        }
        return records;
    }

    private String conversation() {
        return conversations.get(random.nextInt(conversations.size()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(ObjectNode node) {
        return ChatEvents.bytes(node);
    }

    /** A message event of an existing conversation, with a bad id ({@code bad-<n>}) so it is never a good call. */
    private ObjectNode message(int n, String conversation) {
        ObjectNode event = ChatEvents.sent(conversation, "bad-m-" + n, "u-1", MARKER + " " + n);
        event.put("id", "bad-" + n);
        return event;
    }

    private Hostile hostile(String topic, String key, byte[] value, String code, String kind) {
        return new Hostile(topic, key == null ? null : utf8(key), value, code, kind);
    }

    private Hostile messageWith(int n, String code, String kind, java.util.function.Consumer<ObjectNode> spoil) {
        String conversation = conversation();
        ObjectNode event = message(n, conversation);
        spoil.accept(event);
        return hostile("messages", conversation, json(event), code, kind);
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    private static ObjectNode messageOf(ObjectNode event) {
        return (ObjectNode) data(event).get("message");
    }

    private void define() {
        // Broken JSON
        kinds.add(new Kind(
                "truncated JSON",
                8,
                n -> hostile(
                        "messages",
                        conversation(),
                        utf8("{\"specversion\":\"1.0\",\"id\":\"bad-" + n + "\",\"data\":{\"message\":{\"body\":\""
                                + MARKER),
                        "malformed-json",
                        "truncated JSON")));
        kinds.add(new Kind("random bytes", 6, n -> {
            byte[] bytes = new byte[1 + random.nextInt(200)];
            random.nextBytes(bytes);
            bytes[0] = (byte) 0xC3; // never a JSON value's first byte, and not valid UTF-8 on its own
            return hostile("conversations", conversation(), bytes, "malformed-json", "random bytes");
        }));
        kinds.add(new Kind(
                "empty value",
                3,
                n -> hostile("typing", conversation(), new byte[0], "malformed-json", "empty value")));
        kinds.add(new Kind(
                "tombstone", 3, n -> hostile("messages", conversation(), null, "malformed-json", "tombstone")));
        kinds.add(new Kind(
                "JSON array",
                3,
                n -> hostile(
                        "messages", conversation(), utf8("[1,2,\"" + MARKER + "\"]"), "malformed-json", "JSON array")));
        kinds.add(new Kind(
                "JSON string",
                3,
                n -> hostile(
                        "conversations", conversation(), utf8("\"" + MARKER + "\""), "malformed-json", "JSON string")));
        kinds.add(new Kind(
                "two objects",
                3,
                n -> hostile(
                        "messages",
                        conversation(),
                        utf8(new String(json(message(n, "x")), StandardCharsets.UTF_8) + " {}"),
                        "malformed-json",
                        "trailing tokens")));
        kinds.add(new Kind(
                "duplicate keys",
                3,
                n -> hostile(
                        "messages",
                        conversation(),
                        utf8("{\"id\":\"bad-" + n + "\",\"id\":\"bad-" + n
                                + "-again\",\"type\":\"chat.message.sent\"}"),
                        "malformed-json",
                        "duplicate keys")));
        // Wrong types
        kinds.add(new Kind(
                "id is a number",
                5,
                n -> messageWith(n, "missing-field", "id is a number", event -> event.put("id", n))));
        kinds.add(new Kind(
                "type is an object",
                4,
                n -> messageWith(
                        n,
                        "missing-field",
                        "type is an object",
                        event -> event.putObject("type").put("name", "chat.message.sent"))));
        kinds.add(new Kind(
                "data is a string",
                4,
                n -> messageWith(n, "missing-field", "data is a string", event -> event.put("data", MARKER))));
        kinds.add(new Kind(
                "message is a list",
                4,
                n -> messageWith(
                        n,
                        "missing-field",
                        "message is a list",
                        event -> data(event).putArray("message").add(MARKER))));
        kinds.add(new Kind(
                "actor is a number",
                3,
                n -> messageWith(n, "missing-field", "actor is a number", event -> event.put("actor", 7))));
        kinds.add(new Kind(
                "sender is an object",
                3,
                n -> messageWith(
                        n,
                        "missing-field",
                        "sender is an object",
                        event -> messageOf(event).putObject("sender_id").put("id", "u-1"))));
        kinds.add(new Kind("participant ids are numbers", 4, n -> {
            String conversation = conversation();
            ObjectNode event = ChatEvents.created(conversation, List.of("u-1"), List.of());
            event.put("id", "bad-" + n);
            data(event).putArray("participant_ids").add(1).add(2);
            return hostile("conversations", conversation, json(event), "missing-field", "participant ids are numbers");
        }));
        kinds.add(new Kind("unknown typing state", 3, n -> {
            String conversation = conversation();
            ObjectNode event = ChatEvents.typing(conversation, "u-1", "levitating");
            event.put("id", "bad-" + n);
            return hostile("typing", conversation, json(event), "missing-field", "unknown typing state");
        }));
        kinds.add(new Kind(
                "CloudEvents 0.3",
                2,
                n -> messageWith(n, "missing-field", "CloudEvents 0.3", event -> event.put("specversion", "0.3"))));
        // Missing ids
        kinds.add(new Kind("no id", 5, n -> messageWith(n, "missing-field", "no id", event -> event.remove("id"))));
        kinds.add(new Kind(
                "no subject", 4, n -> messageWith(n, "missing-field", "no subject", event -> event.remove("subject"))));
        kinds.add(new Kind(
                "no message id",
                4,
                n -> messageWith(
                        n,
                        "missing-field",
                        "no message id",
                        event -> messageOf(event).remove("id"))));
        kinds.add(new Kind(
                "empty id", 2, n -> messageWith(n, "missing-field", "empty id", event -> event.put("id", ""))));
        kinds.add(
                new Kind("no data", 3, n -> messageWith(n, "missing-field", "no data", event -> event.remove("data"))));
        // Unknown types
        kinds.add(new Kind(
                "unknown type",
                6,
                n -> messageWith(
                        n, "unknown-type", "unknown type", event -> event.put("type", "chat.message.exploded"))));
        kinds.add(new Kind(
                "type in capitals",
                2,
                n -> messageWith(
                        n, "unknown-type", "type in capitals", event -> event.put("type", "CHAT.MESSAGE.SENT"))));
        // Wrong keys
        kinds.add(new Kind("key is another conversation", 6, n -> {
            ObjectNode event = message(n, conversation());
            return hostile(
                    "messages",
                    "not-" + event.path("subject").asText(),
                    json(event),
                    "key-mismatch",
                    "key is another conversation");
        }));
        kinds.add(new Kind("no key", 4, n -> {
            ObjectNode event = message(n, conversation());
            return hostile("messages", null, json(event), "key-mismatch", "no key");
        }));
        kinds.add(new Kind(
                "message of another conversation",
                3,
                n -> messageWith(
                        n,
                        "key-mismatch",
                        "message of another conversation",
                        event -> messageOf(event).put("conversation_id", "elsewhere"))));
        kinds.add(new Kind("created with another id", 3, n -> {
            String conversation = conversation();
            ObjectNode event = ChatEvents.created(conversation, List.of("u-1"), List.of());
            event.put("id", "bad-" + n);
            ((ObjectNode) data(event).get("conversation")).put("id", "hijacked");
            return hostile("conversations", conversation, json(event), "key-mismatch", "created with another id");
        }));
        // Huge fields and deep nesting
        kinds.add(new Kind(
                "huge body",
                1,
                n -> messageWith(
                        n,
                        "too-large",
                        "huge body (300 KB)",
                        event -> messageOf(event).put("body", MARKER.repeat(300 * 1024 / MARKER.length())))));
        kinds.add(new Kind(
                "deep nesting",
                4,
                n -> messageWith(
                        n,
                        "too-large",
                        "nesting 500 deep",
                        event -> messageOf(event).set("metadata", nested(500)))));
        // Events of conversations that do not exist
        kinds.add(new Kind("unknown conversation", 6, n -> {
            String ghost = "ghost-" + n;
            ObjectNode event = message(n, ghost);
            return hostile("messages", ghost, json(event), "unknown-conversation", "unknown conversation");
        }));
        // Bad user records (a lookup table)
        kinds.add(new Kind(
                "user not JSON",
                2,
                n -> hostile("users", "u-" + n, utf8("{" + MARKER), "malformed-json", "user not JSON")));
        kinds.add(new Kind(
                "user with another id",
                2,
                n -> hostile(
                        "users",
                        "u-" + n,
                        json(Json.object().put("id", "u-other-" + n).put("name", MARKER)),
                        "key-mismatch",
                        "user with another id")));
        // A user record without a key cannot be written: the broker refuses null keys in a compacted topic.
    }

    private static ObjectNode nested(int depth) {
        ObjectNode root = Json.object();
        ObjectNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.putObject("a");
        }
        return root;
    }

    /** The kinds, for the figures. */
    List<String> kindNames() {
        return kinds.stream().map(Kind::name).toList();
    }
}

package dev.chathooks.testkit;

import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.processor.config.ChatHooksConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chat traffic as a chat server writes it, built as a story: users and their devices, a conversation created with
 * its members, messages sent, edited and deleted, typing, members added and removed, the conversation updated and
 * deleted; and bad records, to see their dead letters. Run it through a hook with {@link HookTester}, or write it
 * as a topic dump for {@code chat-hooks replay} with {@link #writeDump}.
 *
 * <p>Defaults, so that a story needs no ids:
 * <ul>
 *   <li>Users are named by their username; a user's id is {@code u-<username>}. Naming a user who has no
 *       {@link #user} record is allowed (hooks then see a user with its id alone, as in production).</li>
 *   <li>Events get the ids {@code e-1}, {@code e-2}, ... in order; messages {@code m-1}, {@code m-2}, ...</li>
 *   <li>Records are one second apart, from 2026-01-05T09:00:00Z or the start given to {@link #startingAt};
 *       {@link #after} leaves a longer gap. The record timestamp is the event time.</li>
 *   <li>The actor of a conversation event is the conversation's first member; of a message, its sender; of a
 *       typing event, the one typing.</li>
 *   <li>Records are written to the topics' default names ({@code chat.conversations}, {@code chat.messages},
 *       {@code chat.typing}, {@code chat.users}, {@code chat.devices}). {@link HookTester} puts them on the names
 *       its configuration gives ({@code topics.messages} and the others), so a scenario never names a topic.</li>
 * </ul>
 * Every event is CloudEvents 1.0 structured JSON, as the processor's event contract describes. Not thread-safe.
 */
public final class ChatTraffic {
    /** The processor's default topic names, which a scenario is written to; HookTester maps them to the configured. */
    private static final ChatHooksConfig.Topics DEFAULT_TOPICS =
            ChatHooksConfig.defaultConfig().topics();

    static final String CONVERSATIONS = DEFAULT_TOPICS.conversations();
    static final String MESSAGES = DEFAULT_TOPICS.messages();
    static final String TYPING = DEFAULT_TOPICS.typing();
    static final String USERS = DEFAULT_TOPICS.users();
    static final String DEVICES = DEFAULT_TOPICS.devices();
    private static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

    private final TrafficRecords records;
    private final Map<String, Map<String, Object>> conversations = new HashMap<>();
    private final Map<String, String> creators = new HashMap<>();
    private final Map<String, Map<String, Object>> messages = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> devices = new HashMap<>();
    private int messageCount;

    private ChatTraffic(Instant start) {
        this.records = new TrafficRecords(start);
    }

    /** Traffic from 2026-01-05T09:00:00Z. */
    public static ChatTraffic create() {
        return new ChatTraffic(DEFAULT_START);
    }

    /** Traffic whose first record is stamped {@code start}. */
    public static ChatTraffic startingAt(Instant start) {
        return new ChatTraffic(Objects.requireNonNull(start, "start is null"));
    }

    /** The id of the user named {@code username}: {@code u-<username>}. */
    public static String userId(String username) {
        return "u-" + username;
    }

    /** Leaves {@code gap} (instead of one second) before the next record. */
    public ChatTraffic after(Duration gap) {
        records.after(gap);
        return this;
    }

    // Users and devices

    /** A user record: id {@code u-<username>}, the username, and {@code name} the username capitalised. */
    public ChatTraffic user(String username) {
        return user(username, Map.of());
    }

    /** A user record with further fields, such as {@code push_enabled} or {@code name}, over the defaults. */
    public ChatTraffic user(String username, Map<String, ?> fields) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", userId(username));
        user.put("username", username);
        user.put("name", Character.toUpperCase(username.charAt(0)) + username.substring(1));
        user.putAll(fields);
        return write(USERS, userId(username), user);
    }

    /** The user's record is deleted (a tombstone). */
    public ChatTraffic userDeleted(String username) {
        return write(USERS, userId(username), null);
    }

    /** The user gets an iOS device: APNs {@code token}, with no bundle id of its own (the hook's default). */
    public ChatTraffic apnsDevice(String username, String token) {
        return device(username, ordered("platform", "apns", "token", token));
    }

    /** The user gets an Android device: FCM {@code token}. */
    public ChatTraffic fcmDevice(String username, String token) {
        return device(username, ordered("platform", "fcm", "token", token));
    }

    /**
     * The user gets a device with these fields ({@code platform}, {@code token}, {@code topic}, {@code sandbox});
     * its {@code id} defaults to {@code d-<username>-<n>}. The user's whole device list is written, as the chat
     * server does.
     */
    public ChatTraffic device(String username, Map<String, ?> fields) {
        List<Map<String, Object>> list = devices.computeIfAbsent(username, name -> new ArrayList<>());
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("id", "d-" + username + "-" + (list.size() + 1));
        device.putAll(fields);
        list.add(device);
        return write(DEVICES, userId(username), Map.of("devices", List.copyOf(list)));
    }

    /** The user has no devices any more (a tombstone). */
    public ChatTraffic devicesRemoved(String username) {
        devices.remove(username);
        return write(DEVICES, userId(username), null);
    }

    // Conversations

    /** A conversation is created with a title and members; the first member creates it and is its admin. */
    public ChatTraffic conversationCreated(String conversationId, String title, String... members) {
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("id", conversationId);
        conversation.put("title", title);
        return conversationCreated(conversation, Arrays.asList(members), List.of(members[0]));
    }

    /**
     * A conversation is created from a full record (with its {@code id}, and any of {@code title},
     * {@code metadata}, {@code distinct_by_participants}, {@code muted_user_ids}), members and admins by username.
     */
    public ChatTraffic conversationCreated(Map<String, ?> conversation, List<String> members, List<String> admins) {
        return conversationState("chat.conversation.created", conversation, members, admins);
    }

    /** A snapshot of a conversation (state without a hook call), as a chat server writes to bootstrap or repair. */
    public ChatTraffic conversationSnapshot(String conversationId, String title, String... members) {
        return conversationState(
                "chat.conversation.snapshot",
                ordered("id", conversationId, "title", title),
                Arrays.asList(members),
                List.of(members[0]));
    }

    private ChatTraffic conversationState(
            String type, Map<String, ?> conversation, List<String> members, List<String> admins) {
        String id = (String) Objects.requireNonNull(conversation.get("id"), "the conversation has no id");
        conversations.put(id, new LinkedHashMap<>(conversation));
        creators.put(id, members.isEmpty() ? null : userId(members.get(0)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversation", conversation);
        data.put("participant_ids", ids(members));
        data.put("admin_ids", ids(admins));
        return event(CONVERSATIONS, type, id, creators.get(id), data);
    }

    /** The conversation's record is updated: {@code changes} over the record as it was. */
    public ChatTraffic conversationUpdated(String conversationId, Map<String, ?> changes) {
        Map<String, Object> conversation = known(conversationId);
        conversation.putAll(changes);
        return conversationEvent(
                "chat.conversation.updated", conversationId, Map.of("conversation", new LinkedHashMap<>(conversation)));
    }

    /** The conversation is given a new title. */
    public ChatTraffic conversationRenamed(String conversationId, String title) {
        return conversationUpdated(conversationId, Map.of("title", title));
    }

    /** The conversation is deleted. */
    public ChatTraffic conversationDeleted(String conversationId) {
        Map<String, Object> conversation = known(conversationId);
        return conversationEvent(
                "chat.conversation.deleted", conversationId, Map.of("conversation", new LinkedHashMap<>(conversation)));
    }

    /** Users join the conversation. */
    public ChatTraffic membersAdded(String conversationId, String... usernames) {
        return conversationEvent(
                "chat.participants.added", conversationId, Map.of("user_ids", ids(Arrays.asList(usernames))));
    }

    /** Users leave the conversation, or are removed. */
    public ChatTraffic membersRemoved(String conversationId, String... usernames) {
        return conversationEvent(
                "chat.participants.removed", conversationId, Map.of("user_ids", ids(Arrays.asList(usernames))));
    }

    // Messages and typing

    /** {@code sender} sends a text message; its id is {@code m-<n>} (see {@link #lastMessageId}). */
    public ChatTraffic messageSent(String sender, String conversationId, String body) {
        return messageSent(sender, conversationId, Map.of("body", body));
    }

    /**
     * {@code sender} sends a message with these fields (such as {@code body}, {@code attachment}, {@code push},
     * {@code metadata}, or an {@code id} of its own) over the defaults: id, conversation id, sender id.
     */
    public ChatTraffic messageSent(String sender, String conversationId, Map<String, ?> fields) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", "m-" + ++messageCount);
        message.put("conversation_id", conversationId);
        message.put("sender_id", userId(sender));
        message.putAll(fields);
        String id = (String) message.get("id");
        messages.put(id, message);
        return event(MESSAGES, "chat.message.sent", conversationId, userId(sender), Map.of("message", message));
    }

    /** The message's sender edits it: a new body, the next revision. */
    public ChatTraffic messageEdited(String messageId, String body) {
        Map<String, Object> message = new LinkedHashMap<>(knownMessage(messageId));
        message.put("body", body);
        message.put("revision", ((Number) message.getOrDefault("revision", 1)).intValue() + 1);
        message.put("edited_at", records.next().toString());
        messages.put(messageId, message);
        return messageEvent("chat.message.updated", message, Map.of("message", message));
    }

    /** The message's sender deletes it. */
    public ChatTraffic messageDeleted(String messageId) {
        Map<String, Object> message = knownMessage(messageId);
        Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("id", messageId);
        deleted.put("conversation_id", message.get("conversation_id"));
        deleted.put("sender_id", message.get("sender_id"));
        deleted.put("deleted", true);
        return messageEvent("chat.message.deleted", message, Map.of("message", deleted));
    }

    /** The user begins typing (a {@code begin} typing event, which calls {@code typing_started}). */
    public ChatTraffic typingStarted(String username, String conversationId) {
        return typing(username, conversationId, "begin");
    }

    /** A typing event: {@code state} is {@code begin}, {@code pause} or {@code finished}. */
    public ChatTraffic typing(String username, String conversationId, String state) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", userId(username));
        data.put("event", state);
        data.put("at", records.next().toString());
        return event(TYPING, "chat.typing", conversationId, userId(username), data);
    }

    // Bad records

    /** A record of {@code chat.messages} whose value is not JSON: dead-lettered as {@code malformed-json}. */
    public ChatTraffic malformedRecord(String conversationId) {
        return raw(MESSAGES, conversationId, "{not json".getBytes(StandardCharsets.UTF_8));
    }

    /** An event of a type the processor does not know: dead-lettered as {@code unknown-type}. */
    public ChatTraffic unknownTypeEvent(String conversationId) {
        return event(MESSAGES, "chat.message.forwarded", conversationId, null, Map.of("message", Map.of("id", "m-0")));
    }

    /** A sent message without its {@code id}: dead-lettered as {@code missing-field}. */
    public ChatTraffic eventMissingField(String conversationId) {
        return event(
                MESSAGES,
                "chat.message.sent",
                conversationId,
                null,
                Map.of("message", ordered("conversation_id", conversationId, "body", "no id")));
    }

    /** A message event whose key is not its conversation ({@code subject}): dead-lettered as {@code key-mismatch}. */
    public ChatTraffic eventWithWrongKey(String key, String conversationId) {
        records.event(
                MESSAGES,
                key,
                "chat.message.sent",
                conversationId,
                null,
                Map.of("message", ordered("id", "m-" + ++messageCount, "body", "misrouted")));
        return this;
    }

    /** Any record: {@code value} as JSON (null is a tombstone), for what the other methods do not write. */
    public ChatTraffic record(String topic, String key, Map<String, ?> value) {
        return write(topic, key, value);
    }

    /** Any record, with {@code value} as its raw bytes. */
    public ChatTraffic raw(String topic, String key, byte[] value) {
        records.raw(topic, key, value);
        return this;
    }

    // Reading back

    /** The id of the last message sent, to edit or delete it. */
    public String lastMessageId() {
        if (messageCount == 0) {
            throw new IllegalStateException("no message was sent yet");
        }
        return "m-" + messageCount;
    }

    /** The id of the last event written ({@code e-<n>}). */
    public String lastEventId() {
        if (records.events() == 0) {
            throw new IllegalStateException("no event was written yet");
        }
        return "e-" + records.events();
    }

    /** The records written so far, in order, on the topics' default names. */
    List<DumpRecord> records() {
        return records.list();
    }

    /**
     * Writes the traffic as a topic dump (JSON lines) on the topics' default names, as {@code chat-hooks dump}
     * does, for {@code replay} and {@code load}.
     */
    public void writeDump(Path file) throws IOException {
        records.writeDump(file);
    }

    private Map<String, Object> known(String conversationId) {
        Map<String, Object> conversation = conversations.get(conversationId);
        if (conversation == null) {
            throw new IllegalArgumentException("conversation " + conversationId + " was not created in this traffic;"
                    + " create it first with conversationCreated");
        }
        return conversation;
    }

    private Map<String, Object> knownMessage(String messageId) {
        Map<String, Object> message = messages.get(messageId);
        if (message == null) {
            throw new IllegalArgumentException("message " + messageId + " was not sent in this traffic; messages are "
                    + "m-1 to m-" + messageCount);
        }
        return message;
    }

    /** Two fields in this order (Map.of has none), so that the JSON is always written the same. */
    private static Map<String, Object> ordered(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }

    private static List<String> ids(List<String> usernames) {
        return usernames.stream().map(ChatTraffic::userId).toList();
    }

    /** An event about a conversation, by whoever created it. */
    private ChatTraffic conversationEvent(String type, String conversationId, Map<String, ?> data) {
        return event(CONVERSATIONS, type, conversationId, creators.get(conversationId), data);
    }

    /** An event about a sent message, by its sender, in its conversation. */
    private ChatTraffic messageEvent(String type, Map<String, Object> message, Map<String, ?> data) {
        return event(MESSAGES, type, (String) message.get("conversation_id"), (String) message.get("sender_id"), data);
    }

    private ChatTraffic event(String topic, String type, String conversationId, String actor, Map<String, ?> data) {
        records.event(topic, type, conversationId, actor, data);
        return this;
    }

    private ChatTraffic write(String topic, String key, Map<String, ?> value) {
        records.write(topic, key, value);
        return this;
    }
}

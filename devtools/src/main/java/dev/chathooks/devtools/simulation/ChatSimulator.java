package dev.chathooks.devtools.simulation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.event.ChatEventJson;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simulated chat server: realistic traffic of the event contract for a set of users and conversations, as topic
 * records in time order. Deterministic for a seed, so a demo, a test or a benchmark can be run again alike.
 *
 * <p>It starts with the users, their devices and the conversations' creation, then a short tour of every kind of
 * action in the first conversation (so that a demo shows all nine hook kinds within seconds), then produces, with
 * weights that
 * look like a chat: messages (some with attachments, some long, some with push off), edits, deletions, typing
 * (begin, pause, finished), members joining and leaving, conversation updates (metadata alone included), and, now
 * and then, a conversation deleted and created anew.
 */
public final class ChatSimulator implements Iterator<DumpRecord> {
    private static final String[] WORDS = {
        "hi", "lunch", "today", "the", "build", "is", "green", "again", "who", "has", "the", "keys", "meeting", "moved",
        "to", "three", "thanks", "see", "you", "soon", "great", "idea", "let's", "ship", "it", "coffee", "later",
        "weekend", "plans", "photos", "from", "the", "trip"
    };

    private final ChatHooksConfig.Topics topics;
    private final SplittableRandom random;
    private final int userCount;
    private final List<Conversation> conversations = new ArrayList<>();
    private final List<DumpRecord> pending = new ArrayList<>();
    private long time;
    private long eventCounter;
    private long messageCounter;
    private int setupIndex;
    private int tourStep;

    private static final class Conversation {
        final String id;
        final List<String> members = new ArrayList<>();
        final List<String> messageIds = new ArrayList<>();
        int generation;
        boolean alive = true;

        Conversation(String id) {
            this.id = id;
        }
    }

    /**
     * @param topics the topic names to write to
     * @param users how many users chat
     * @param conversationCount how many conversations they chat in
     * @param seed the random seed
     * @param startMillis the first record's timestamp
     */
    public ChatSimulator(ChatHooksConfig.Topics topics, int users, int conversationCount, long seed, long startMillis) {
        this.topics = topics;
        this.random = new SplittableRandom(seed);
        this.userCount = Math.max(2, users);
        this.time = startMillis;
        for (int i = 1; i <= Math.max(1, conversationCount); i++) {
            conversations.add(new Conversation("c-" + i));
        }
    }

    /** The simulation goes on forever; take as many records as needed. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public DumpRecord next() {
        if (pending.isEmpty()) {
            if (setupIndex < userCount) {
                setupUser(setupIndex++);
            } else if (setupIndex < userCount + conversations.size()) {
                create(conversations.get(setupIndex++ - userCount));
            } else {
                step();
            }
        }
        return pending.remove(0);
    }

    /** The first {@code count} records. */
    public List<DumpRecord> take(int count) {
        List<DumpRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(next());
        }
        return records;
    }

    private static String userId(int index) {
        return "u-" + (index + 1);
    }

    private void setupUser(int index) {
        String id = userId(index);
        ObjectNode user = Json.object();
        user.put("id", id);
        user.put("username", "user" + (index + 1));
        user.put("name", "User " + (index + 1));
        user.put("push_enabled", index % 10 != 9);
        emit(topics.users(), id, user);
        ObjectNode devices = Json.object();
        ArrayNode list = devices.putArray("devices");
        ObjectNode phone = list.addObject();
        boolean apple = index % 2 == 0;
        phone.put("id", "d-" + id + "-phone");
        phone.put("platform", apple ? "apns" : "fcm");
        phone.put("token", (apple ? "apns-" : "fcm-") + id + "-" + Long.toHexString(random.nextLong()));
        if (apple) {
            phone.put("topic", "com.example.chat");
        }
        if (index % 3 == 0) {
            ObjectNode tablet = list.addObject();
            tablet.put("id", "d-" + id + "-tablet");
            tablet.put("platform", "fcm");
            tablet.put("token", "fcm-" + id + "-tablet-" + Long.toHexString(random.nextLong()));
        }
        emit(topics.devices(), id, devices);
    }

    private void create(Conversation conversation) {
        conversation.members.clear();
        conversation.messageIds.clear();
        int size = 2 + random.nextInt(Math.min(6, userCount - 1));
        while (conversation.members.size() < size) {
            String user = userId(random.nextInt(userCount));
            if (!conversation.members.contains(user)) {
                conversation.members.add(user);
            }
        }
        conversation.alive = true;
        ObjectNode data = Json.object();
        data.set("conversation", record(conversation, Map.of()));
        ArrayNode participants = data.putArray("participant_ids");
        conversation.members.forEach(participants::add);
        data.putArray("admin_ids").add(conversation.members.get(0));
        event(conversation, "chat.conversation.created", conversation.members.get(0), data, topics.conversations());
    }

    private ObjectNode record(Conversation conversation, Map<String, Object> metadata) {
        ObjectNode record = Json.object();
        record.put("id", conversation.id);
        record.put(
                "title",
                "Conversation " + conversation.id.substring(2)
                        + (conversation.generation > 0 ? " (" + (conversation.generation + 1) + ")" : ""));
        record.set("metadata", Json.toNode(metadata));
        record.put("distinct_by_participants", false);
        ArrayNode muted = record.putArray("muted_user_ids");
        if (conversation.members.size() > 2 && conversation.id.hashCode() % 4 == 0) {
            muted.add(conversation.members.get(conversation.members.size() - 1));
        }
        return record;
    }

    private void step() {
        if (tourStep < 10) {
            tour(conversations.get(0), tourStep++);
            return;
        }
        Conversation conversation = conversations.get(random.nextInt(conversations.size()));
        if (!conversation.alive) {
            conversation.generation++;
            create(conversation);
            return;
        }
        String actor = conversation.members.get(random.nextInt(conversation.members.size()));
        int roll = random.nextInt(1000);
        if (roll < 560) {
            sendMessage(conversation, actor);
        } else if (roll < 760) {
            typing(conversation, actor);
        } else if (roll < 830) {
            editMessage(conversation, actor, false);
        } else if (roll < 870) {
            editMessage(conversation, actor, true);
        } else if (roll < 920) {
            join(conversation);
        } else if (roll < 960) {
            leave(conversation);
        } else if (roll < 995) {
            update(conversation, actor);
        } else {
            delete(conversation);
        }
    }

    private void tour(Conversation conversation, int step) {
        String actor = conversation.members.get(0);
        switch (step) {
            case 0 -> sendMessage(conversation, actor);
            case 1 -> typing(conversation, conversation.members.get(1), "begin");
            case 2 -> sendMessage(conversation, conversation.members.get(1));
            case 3 -> editMessage(conversation, actor, false);
            case 4 -> editMessage(conversation, actor, true);
            case 5 -> joinSomeoneNew(conversation);
            case 6 -> leave(conversation);
            case 7 -> update(conversation, actor);
            case 8 -> delete(conversation);
            default -> {
                conversation.generation++;
                create(conversation);
            }
        }
    }

    private void sendMessage(Conversation conversation, String sender) {
        ObjectNode message = Json.object();
        String id = "m-" + (++messageCounter);
        message.put("id", id);
        message.put("conversation_id", conversation.id);
        message.put("sender_id", sender);
        int kind = random.nextInt(100);
        if (kind < 8) {
            ObjectNode attachment = message.putObject("attachment");
            attachment.put("name", "photo-" + messageCounter + ".jpg");
            attachment.put("content_type", "image/jpeg");
            attachment.put("url", "https://files.example.com/" + id);
            attachment.put("size", 20_000 + random.nextInt(2_000_000));
        } else {
            message.put("body", sentence(kind < 10 ? 400 : 3 + random.nextInt(14)));
        }
        if (kind >= 97) {
            message.put("push", false);
        }
        message.put("revision", 1);
        conversation.messageIds.add(id);
        if (conversation.messageIds.size() > 20) {
            conversation.messageIds.remove(0);
        }
        ObjectNode data = Json.object();
        data.set("message", message);
        event(conversation, "chat.message.sent", sender, data, topics.messages());
    }

    private void editMessage(Conversation conversation, String actor, boolean delete) {
        if (conversation.messageIds.isEmpty()) {
            sendMessage(conversation, actor);
            return;
        }
        String id = conversation.messageIds.get(random.nextInt(conversation.messageIds.size()));
        ObjectNode message = Json.object();
        message.put("id", id);
        message.put("conversation_id", conversation.id);
        message.put("sender_id", actor);
        if (delete) {
            message.put("deleted", true);
            conversation.messageIds.remove(id);
        } else {
            message.put("body", sentence(3 + random.nextInt(10)));
            message.put("revision", 2 + random.nextInt(3));
            message.put("edited_at", Instant.ofEpochMilli(time).toString());
        }
        ObjectNode data = Json.object();
        data.set("message", message);
        event(conversation, delete ? "chat.message.deleted" : "chat.message.updated", actor, data, topics.messages());
    }

    private void typing(Conversation conversation, String user) {
        String[] states = {"begin", "begin", "pause", "finished"};
        typing(conversation, user, states[random.nextInt(states.length)]);
    }

    private void typing(Conversation conversation, String user, String state) {
        ObjectNode data = Json.object();
        data.put("user_id", user);
        data.put("event", state);
        data.put("at", Instant.ofEpochMilli(time).toString());
        event(conversation, "chat.typing", user, data, topics.typing());
    }

    private void join(Conversation conversation) {
        join(conversation, userId(random.nextInt(userCount)));
    }

    private void joinSomeoneNew(Conversation conversation) {
        String user = userId(0);
        for (int i = 1; i < userCount && conversation.members.contains(user); i++) {
            user = userId(i);
        }
        join(conversation, user);
    }

    private void join(Conversation conversation, String user) {
        ObjectNode data = Json.object();
        // Sometimes re-adds a member: the contract says that calls no hook.
        data.putArray("user_ids").add(user);
        if (!conversation.members.contains(user)) {
            conversation.members.add(user);
        }
        event(conversation, "chat.participants.added", conversation.members.get(0), data, topics.conversations());
    }

    private void leave(Conversation conversation) {
        if (conversation.members.size() <= 2) {
            join(conversation);
            return;
        }
        String user = conversation.members.get(1 + random.nextInt(conversation.members.size() - 1));
        conversation.members.remove(user);
        ObjectNode data = Json.object();
        data.putArray("user_ids").add(user);
        event(conversation, "chat.participants.removed", user, data, topics.conversations());
    }

    private void update(Conversation conversation, String actor) {
        ObjectNode data = Json.object();
        data.set("conversation", record(conversation, Map.of("theme", WORDS[random.nextInt(WORDS.length)])));
        event(conversation, "chat.conversation.updated", actor, data, topics.conversations());
    }

    private void delete(Conversation conversation) {
        conversation.alive = false;
        ObjectNode data = Json.object();
        data.set("conversation", record(conversation, Map.of()));
        event(conversation, "chat.conversation.deleted", conversation.members.get(0), data, topics.conversations());
    }

    private String sentence(int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private void event(Conversation conversation, String type, String actor, ObjectNode data, String topic) {
        ObjectNode event = ChatEventJson.event(
                "sim-" + (++eventCounter),
                "/simulated-chat-server",
                type,
                Instant.ofEpochMilli(time),
                conversation.id,
                actor,
                data);
        emit(topic, conversation.id, event);
    }

    private void emit(String topic, String key, ObjectNode value) {
        time += 1 + random.nextInt(3);
        try {
            pending.add(new DumpRecord(topic, key, time, Json.mapper().writeValueAsBytes(value), Map.of()));
        } catch (IOException e) {
            throw new IllegalStateException("a simulated event always serializes", e);
        }
    }
}

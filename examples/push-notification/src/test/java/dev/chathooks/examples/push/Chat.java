package dev.chathooks.examples.push;

import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the records a hook receives, for tests. */
public final class Chat {
    private Chat() {}

    public static User user(String id) {
        return User.of(Map.of("id", id, "username", id.replace("u-", "")));
    }

    public static User user(String id, boolean pushEnabled) {
        return User.of(Map.of("id", id, "username", id.replace("u-", ""), "push_enabled", pushEnabled));
    }

    public static Conversation conversation(String id, String title, String... mutedUserIds) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        if (title != null) {
            fields.put("title", title);
        }
        fields.put("muted_user_ids", List.of(mutedUserIds));
        return Conversation.of(fields);
    }

    public static Message message(String id, String conversationId, String senderId, String body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("conversation_id", conversationId);
        fields.put("sender_id", senderId);
        if (body != null) {
            fields.put("body", body);
        }
        return Message.of(fields);
    }

    public static Message withFields(Message message, Map<String, ?> extra) {
        Map<String, Object> fields = new LinkedHashMap<>(message.fields());
        fields.putAll(extra);
        return Message.of(fields);
    }

    public static EventInfo sent(String eventId, String conversationId, String actor) {
        return new EventInfo(
                eventId,
                HookKind.AFTER_MESSAGE_SENT,
                "chat.message.sent",
                conversationId,
                actor,
                Instant.parse("2026-11-24T10:00:00Z"),
                Map.of("id", eventId));
    }

    /** An APNs-style token: 64 hex digits made from {@code n}. */
    public static String apnsToken(long n) {
        return String.format("%064x", n);
    }

    public static Map<String, Object> apnsDevice(String id, String token) {
        return Map.of("id", id, "platform", "apns", "token", token);
    }

    public static Map<String, Object> fcmDevice(String id, String token) {
        return Map.of("id", id, "platform", "fcm", "token", token);
    }

    public static Map<String, Object> devices(Map<?, ?>... devices) {
        return Map.of("devices", List.of(devices));
    }

    /** {@code count} users u-0 .. u-(count-1). */
    public static List<User> users(int count) {
        List<User> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(user("u-" + i));
        }
        return users;
    }
}

package dev.chathooks.examples.push.notification;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The FCM v1 message of a notification, without its token:
 * {@code {"notification": {"title", "body"}, "android": {"priority": "high", "notification": {"tag"}},
 * "data": {"conversation_id", "message_id", "thread_id"}}}. The tag is the collapse id, so that a repeated
 * notification replaces the one shown rather than adding to it (Android's counterpart of apns-collapse-id); no
 * collapse_key is set, because FCM keeps at most four of them per device and chats have more conversations.
 * The FCM sender builds the same message with the Firebase SDK. FCM refuses messages over {@link #MAX_BYTES}.
 */
public final class FcmPayload {
    /** The largest message FCM accepts, in bytes. */
    public static final int MAX_BYTES = 4096;

    private FcmPayload() {}

    /** The data fields of {@code notification}'s message. */
    public static Map<String, String> data(Notification notification) {
        return data(notification.conversationId(), notification.messageId(), notification.threadId());
    }

    static int size(
            String title, String body, String collapseId, String threadId, String conversationId, String messageId) {
        Map<String, Object> shown = new LinkedHashMap<>();
        if (title != null) {
            shown.put("title", title);
        }
        shown.put("body", body);
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("priority", "high");
        android.put("notification", Map.of("tag", collapseId));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("notification", shown);
        message.put("android", android);
        message.put("data", data(conversationId, messageId, threadId));
        return PayloadJson.bytes(message).length;
    }

    private static Map<String, String> data(String conversationId, String messageId, String threadId) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("conversation_id", conversationId);
        data.put("message_id", messageId);
        data.put("thread_id", threadId);
        return data;
    }
}

package dev.chathooks.examples.push.notification;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The APNs payload of a notification:
 * {@code {"aps": {"alert": {"title", "body"}, "thread-id", "sound": "default"}, "conversation_id", "message_id"}},
 * the last two for the app to open the right conversation. APNs refuses payloads over {@link #MAX_BYTES}.
 */
public final class ApnsPayload {
    /** The largest payload APNs accepts for an alert notification, in bytes. */
    public static final int MAX_BYTES = 4096;

    private ApnsPayload() {}

    /** The payload of {@code notification}, as JSON text. */
    public static String json(Notification notification) {
        return new String(
                encode(
                        notification.title(),
                        notification.body(),
                        notification.threadId(),
                        notification.conversationId(),
                        notification.messageId()),
                StandardCharsets.UTF_8);
    }

    static byte[] encode(String title, String body, String threadId, String conversationId, String messageId) {
        Map<String, Object> alert = new LinkedHashMap<>();
        if (title != null) {
            alert.put("title", title);
        }
        alert.put("body", body);
        Map<String, Object> aps = new LinkedHashMap<>();
        aps.put("alert", alert);
        aps.put("thread-id", threadId);
        aps.put("sound", "default");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("aps", aps);
        payload.put("conversation_id", conversationId);
        payload.put("message_id", messageId);
        return PayloadJson.bytes(payload);
    }
}

package dev.chathooks.examples.push.notification;

import dev.chathooks.examples.push.devices.Platform;
import java.util.Objects;

/**
 * One notification to one device: what to show, where to send it, and for which event. Immutable.
 * {@link #toString()} shows ids only, never the token, title or body.
 *
 * @param eventId the id of the event that caused it, the idempotency key
 * @param messageId the message's id
 * @param conversationId the conversation's id
 * @param userId the recipient
 * @param deviceId the recipient's device
 * @param platform the push service
 * @param token the device's push token (a secret: never log it)
 * @param apnsTopic the device's APNs topic, null to use the configured default
 * @param sandbox true if the device uses the APNs development server
 * @param title the title, already cut to fit the platform's payload limit; null when the conversation has none
 * @param body the body, already cut to fit
 * @param threadId groups a conversation's notifications: the conversation id
 * @param collapseId identifies the message's notification, so that a repeat replaces it rather than adds to it
 */
public record Notification(
        String eventId,
        String messageId,
        String conversationId,
        String userId,
        String deviceId,
        Platform platform,
        String token,
        String apnsTopic,
        boolean sandbox,
        String title,
        String body,
        String threadId,
        String collapseId) {
    public Notification {
        Objects.requireNonNull(eventId, "eventId is null");
        Objects.requireNonNull(messageId, "messageId is null");
        Objects.requireNonNull(conversationId, "conversationId is null");
        Objects.requireNonNull(userId, "userId is null");
        Objects.requireNonNull(deviceId, "deviceId is null");
        Objects.requireNonNull(platform, "platform is null");
        Objects.requireNonNull(token, "token is null");
        Objects.requireNonNull(body, "body is null");
        Objects.requireNonNull(threadId, "threadId is null");
        Objects.requireNonNull(collapseId, "collapseId is null");
    }

    @Override
    public String toString() {
        return "Notification{event=" + eventId + ", message=" + messageId + ", conversation=" + conversationId
                + ", user=" + userId + ", device=" + deviceId + ", platform=" + platform.wireName() + "}";
    }
}

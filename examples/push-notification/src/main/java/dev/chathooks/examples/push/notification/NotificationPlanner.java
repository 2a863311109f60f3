package dev.chathooks.examples.push.notification;

import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import dev.chathooks.examples.push.devices.DeviceDirectory;
import dev.chathooks.examples.push.devices.Platform;
import dev.chathooks.examples.push.devices.PushDevice;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the push rules to a sent message: one notification per device of every participant except the sender;
 * title = the conversation's title; body = {@code <username>: <body>}, or {@code <username> sent you a file.} for
 * an attachment with no body; nothing for users with {@code push_enabled} false, for users in the conversation's
 * {@code muted_user_ids}, or for a message with {@code push} false. Title and body are cut (between characters,
 * with an ellipsis) so that each platform's payload fits its 4 KB limit. A token appears once per message even if
 * two records hold it. Thread-safe; it does no I/O but reading the device table.
 */
public final class NotificationPlanner {
    private final DeviceDirectory devices;

    /** @param devices where the recipients' devices are found */
    public NotificationPlanner(DeviceDirectory devices) {
        this.devices = Objects.requireNonNull(devices, "devices is null");
    }

    /** The notifications for {@code message}, sent to {@code conversation} with these participants. */
    public Plan plan(Message message, Conversation conversation, List<User> participants, EventInfo event) {
        if (!message.push()) {
            return Plan.none("the message has push false");
        }
        Optional<String> senderId = message.senderId().or(event::actor);
        User sender = senderId.flatMap(id -> participants.stream()
                        .filter(user -> user.id().equals(id))
                        .findFirst())
                .orElseGet(() -> User.unknown(senderId.orElse("someone")));
        Optional<String> text = MessageText.body(message, sender);
        if (text.isEmpty()) {
            return Plan.none("the message has neither body nor attachment");
        }
        String title = conversation.title().filter(value -> !value.isBlank()).orElse(null);
        String threadId = conversation.id();
        String collapseId = CollapseIds.of(message.id());
        Map<Platform, FittedText> fitted = new EnumMap<>(Platform.class);
        Set<String> mutedIds = conversation.mutedUserIds();

        List<Notification> notifications = new ArrayList<>();
        Set<String> seenUsers = new HashSet<>();
        Set<String> seenTokens = new HashSet<>();
        int skippedSender = 0;
        int skippedPushDisabled = 0;
        int skippedMuted = 0;
        int withoutDevices = 0;
        for (User user : participants) {
            if (!seenUsers.add(user.id())) {
                continue;
            }
            if (senderId.isPresent() && senderId.get().equals(user.id())) {
                skippedSender++;
                continue;
            }
            if (!user.pushEnabled()) {
                skippedPushDisabled++;
                continue;
            }
            if (mutedIds.contains(user.id())) {
                skippedMuted++;
                continue;
            }
            List<PushDevice> userDevices = devices.devicesOf(user.id());
            if (userDevices.isEmpty()) {
                withoutDevices++;
            }
            for (PushDevice device : userDevices) {
                if (!seenTokens.add(device.platform().wireName() + ":" + device.token())) {
                    continue;
                }
                FittedText shown = fitted.computeIfAbsent(
                        device.platform(),
                        platform -> fit(
                                platform, title, text.get(), threadId, collapseId, conversation.id(), message.id()));
                notifications.add(new Notification(
                        event.id(),
                        message.id(),
                        conversation.id(),
                        user.id(),
                        device.id(),
                        device.platform(),
                        device.token(),
                        device.apnsTopic(),
                        device.sandbox(),
                        shown.title(),
                        shown.body(),
                        threadId,
                        collapseId));
            }
        }
        return new Plan(notifications, skippedSender, skippedPushDisabled, skippedMuted, withoutDevices, null);
    }

    private static FittedText fit(
            Platform platform,
            String title,
            String body,
            String threadId,
            String collapseId,
            String conversationId,
            String messageId) {
        switch (platform) {
            case APNS:
                return FittedText.fit(
                        title,
                        body,
                        (t, b) -> ApnsPayload.encode(t, b, threadId, conversationId, messageId).length
                                <= ApnsPayload.MAX_BYTES);
            case FCM:
                return FittedText.fit(
                        title,
                        body,
                        (t, b) -> FcmPayload.size(t, b, collapseId, threadId, conversationId, messageId)
                                <= FcmPayload.MAX_BYTES);
            default:
                throw new IllegalStateException("no payload limit for " + platform);
        }
    }
}

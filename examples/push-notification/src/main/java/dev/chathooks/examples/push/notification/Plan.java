package dev.chathooks.examples.push.notification;

import java.util.List;
import java.util.Objects;

/**
 * The notifications a message gives, and how many recipients the rules left out and why (for logs and tests).
 *
 * @param notifications one per device of every recipient, in participant order
 * @param skippedSender 1 if the sender is a participant (they get none), else 0
 * @param skippedPushDisabled participants with {@code push_enabled} false
 * @param skippedMuted participants in the conversation's {@code muted_user_ids}
 * @param withoutDevices recipients with no usable device
 * @param reason why the message gives no notification at all, or null when the rules were applied per user
 */
public record Plan(
        List<Notification> notifications,
        int skippedSender,
        int skippedPushDisabled,
        int skippedMuted,
        int withoutDevices,
        String reason) {
    public Plan {
        notifications = List.copyOf(Objects.requireNonNull(notifications, "notifications is null"));
    }

    static Plan none(String reason) {
        return new Plan(List.of(), 0, 0, 0, 0, reason);
    }
}

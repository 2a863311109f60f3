package dev.chathooks.examples.push.apns;

import com.eatthepath.pushy.apns.PushNotificationResponse;
import dev.chathooks.examples.push.delivery.Delivery;
import dev.chathooks.examples.push.delivery.PermanentPushException;
import dev.chathooks.examples.push.delivery.TransientPushException;
import java.util.Set;

/** Sorts APNs answers into the outcomes of {@link dev.chathooks.examples.push.delivery.PushSender}. */
final class ApnsOutcomes {
    /** Reasons (with status 400) that mean the token will never work for this topic. */
    private static final Set<String> TOKEN_REASONS = Set.of("BadDeviceToken", "DeviceTokenNotForTopic");

    private ApnsOutcomes() {}

    /** The outcome of an answer; throws the transient or permanent failure it stands for. */
    static Delivery of(PushNotificationResponse<?> response) {
        if (response.isAccepted()) {
            return Delivery.ACCEPTED;
        }
        int status = response.getStatusCode();
        String reason = response.getRejectionReason().orElse("(no reason)");
        if (status == 410 || "Unregistered".equals(reason)) {
            return Delivery.tokenRejected("Unregistered");
        }
        if (status == 400 && TOKEN_REASONS.contains(reason)) {
            return Delivery.tokenRejected(reason);
        }
        String description = "apns " + status + " " + reason;
        // ExpiredProviderToken: Pushy signs a fresh token for the next attempt.
        if (status == 429 || status >= 500 || "ExpiredProviderToken".equals(reason)) {
            throw new TransientPushException(description, null, null);
        }
        throw new PermanentPushException(description, null);
    }

    /** The failure a send that got no answer stands for: the connection broke or could not be made. */
    static TransientPushException ofFailure(Throwable failure) {
        return new TransientPushException(
                "apns connection: " + failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()),
                null,
                failure);
    }
}

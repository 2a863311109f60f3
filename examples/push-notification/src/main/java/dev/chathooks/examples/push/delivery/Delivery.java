package dev.chathooks.examples.push.delivery;

import java.util.Objects;

/**
 * How a push service answered a notification it understood: accepted, or the token rejected for good.
 *
 * @param accepted true if the service took the notification
 * @param rejectionReason the service's reason for rejecting the token (such as {@code Unregistered} or
 *                        {@code UNREGISTERED}); null when accepted
 */
public record Delivery(boolean accepted, String rejectionReason) {
    /** The service took the notification. */
    public static final Delivery ACCEPTED = new Delivery(true, null);

    public Delivery {
        if (accepted == (rejectionReason != null)) {
            throw new IllegalArgumentException("a delivery is accepted or has a rejection reason, not both");
        }
    }

    /** The service says the token will never work again, for {@code reason}. */
    public static Delivery tokenRejected(String reason) {
        return new Delivery(false, Objects.requireNonNull(reason, "reason is null"));
    }
}

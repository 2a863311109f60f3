package dev.chathooks.examples.push.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * A notification was not delivered for a reason that may pass (throttling, a server error, a broken connection):
 * try again later, after {@link #retryAfter()} if the service said when.
 */
public class TransientPushException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /**
     * @param reason what failed, without tokens or content, such as {@code apns 429 TooManyRequests}
     * @param retryAfter how long the service asked to wait, null if it did not say
     * @param cause the underlying failure, or null
     */
    public TransientPushException(String reason, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the service asked to wait before the next attempt, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

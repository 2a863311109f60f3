package dev.chathooks.examples.push.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a notification that failed for a transient reason (APNs 429 or 5xx, a broken connection, FCM 500, 503 or
 * QUOTA_EXCEEDED) is retried: exponential backoff from {@code initialBackoff} up to {@code maxBackoff}, with
 * jitter, honouring the service's Retry-After, for at most {@code maxAttempts} attempts in all.
 *
 * @param maxAttempts attempts in all, the first included; at least 1
 * @param initialBackoff the delay before the first retry
 * @param maxBackoff the longest delay the backoff grows to (a Retry-After may ask for longer, and is honoured)
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** The defaults: 5 attempts, 200 ms growing to 30 s. */
    public static final RetrySettings DEFAULT = new RetrySettings(5, Duration.ofMillis(200), Duration.ofSeconds(30));

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff is null");
        Objects.requireNonNull(maxBackoff, "maxBackoff is null");
        if (initialBackoff.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive, and maxBackoff at least initialBackoff");
        }
    }
}

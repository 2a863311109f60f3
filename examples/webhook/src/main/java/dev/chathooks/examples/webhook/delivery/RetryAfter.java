package dev.chathooks.examples.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} response header: delay-seconds or an HTTP date (RFC 9110, section 10.2.3). */
final class RetryAfter {
    /** An endpoint cannot hold the hook back longer than this, whatever it asks. */
    static final Duration MAX = Duration.ofMinutes(5);

    private RetryAfter() {}

    /**
     * How long to wait from {@code now}, at most {@link #MAX}; empty when the header is absent, malformed, or in the
     * past.
     */
    static Optional<Duration> parse(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                wait = MAX; // more digits than a long holds: far too long anyway
            }
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (wait.isNegative() || wait.isZero()) {
            return Optional.empty();
        }
        return Optional.of(wait.compareTo(MAX) > 0 ? MAX : wait);
    }
}

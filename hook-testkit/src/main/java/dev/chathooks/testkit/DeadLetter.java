package dev.chathooks.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A record the processor could not use, or an invocation the hook failed for good, as it would be written to the
 * dead-letter topic. Immutable.
 *
 * @param topic the topic the record came from: an input topic, or the invocations topic for a hook's failure
 * @param key the record key, or null
 * @param timestamp the record timestamp
 * @param reason the reason, starting with its code: {@code malformed-json}, {@code unknown-type},
 *     {@code missing-field}, {@code key-mismatch}, {@code unknown-conversation}, {@code too-large} or
 *     {@code hook-failed} (then {@code hook-failed: <hook> after <n> attempts: <error>})
 * @param value the record value, unchanged; null for a tombstone
 */
public record DeadLetter(String topic, String key, Instant timestamp, String reason, byte[] value) {
    public DeadLetter {
        Objects.requireNonNull(topic, "topic is null");
        Objects.requireNonNull(reason, "reason is null");
        value = value == null ? null : value.clone();
    }

    /** The reason's code, such as {@code hook-failed}. */
    public String reasonCode() {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    /** The value as UTF-8 text, or null. */
    public String valueText() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public String toString() {
        return "DeadLetter{topic=" + topic + ", key=" + key + ", reason=" + reason + "}";
    }
}

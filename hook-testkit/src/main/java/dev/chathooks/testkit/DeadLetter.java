package dev.chathooks.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A record the processor could not use, or an invocation the hook failed for good, as it would be written to the
 * dead-letter topic. Immutable.
 *
 * @param topic the topic the record came from: an input topic, or the invocations topic for a hook's failure
 * @param key the record key, or null
 * @param timestamp the record timestamp
 * @param code the reason's code: {@code malformed-json}, {@code unknown-type}, {@code missing-field},
 *     {@code key-mismatch}, {@code unknown-conversation}, {@code expired-state}, {@code too-large} or
 *     {@code hook-failed}, as the dead-letter topic's {@code chat-hooks.reason-code} header has it
 * @param reason the whole reason, starting with its code, as the {@code chat-hooks.reason} header has it (for
 *     {@code hook-failed}: {@code hook-failed: <hook> after <n> attempts: <error>})
 * @param hook for {@code hook-failed}, the hook that failed; else empty
 * @param attempts for {@code hook-failed}, the attempts the hook was given (0 when the call could not be
 *     prepared); else 0
 * @param value the record value, unchanged; null for a tombstone
 */
public record DeadLetter(
        String topic,
        String key,
        Instant timestamp,
        String code,
        String reason,
        Optional<String> hook,
        int attempts,
        byte[] value) {
    /** Checks that the topic, code, reason and hook are given, and keeps a copy of the value. */
    public DeadLetter {
        Objects.requireNonNull(topic, "topic is null");
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(hook, "hook is null (empty for a dead letter that is not a hook's failure)");
        value = value == null ? null : value.clone();
    }

    /** The value as UTF-8 text, or null. */
    public String valueText() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** A copy of the record value, or null. */
    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public String toString() {
        return "DeadLetter{topic=" + topic + ", key=" + key + ", reason=" + reason + "}";
    }
}

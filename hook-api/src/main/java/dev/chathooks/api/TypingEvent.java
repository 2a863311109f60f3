package dev.chathooks.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One typing event: {@code user_id}, {@code event} ({@code begin}, {@code pause} or {@code finished}), {@code at}. */
public final class TypingEvent extends ChatObject {
    /** What the user did. */
    public enum State {
        /** Started typing. */
        BEGIN,
        /** Stopped for a while without sending. */
        PAUSE,
        /** Stopped: sent the message or cleared the input. */
        FINISHED;

        /** The wire name: {@code begin}, {@code pause} or {@code finished}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The state for a wire name, empty for an unknown one. */
        public static Optional<State> fromWireName(String name) {
            for (State state : values()) {
                if (state.wireName().equals(name)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }
    }

    private TypingEvent(Map<String, ?> fields) {
        super(fields);
    }

    /**
     * A typing event with the given fields.
     *
     * @throws IllegalArgumentException if a value is not JSON-shaped
     */
    public static TypingEvent of(Map<String, ?> fields) {
        return new TypingEvent(fields);
    }

    /** The user who typed. */
    public Optional<String> userId() {
        return getString("user_id");
    }

    /** What the user did; empty if the {@code event} field is missing or unknown. */
    public Optional<State> state() {
        return getString("event").flatMap(State::fromWireName);
    }

    /** When it happened ({@code at}), RFC 3339 or epoch milliseconds. */
    public Optional<Instant> at() {
        return getInstant("at");
    }

    @Override
    public String toString() {
        return "TypingEvent{user_id=" + get("user_id") + ", event=" + get("event") + "}";
    }
}

package dev.chathooks.processor.deadletter;

import java.util.Objects;

/**
 * Why one record cannot be used: a {@link ReasonCode} and a detail for a person. The detail names fields and
 * ids, never chat content.
 */
public record Rejection(ReasonCode code, String detail) {
    public Rejection {
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(detail, "detail is null");
    }

    /** The reason as written in dead letters: {@code <code>: <detail>}. */
    public String reason() {
        return code.code() + ": " + detail;
    }
}

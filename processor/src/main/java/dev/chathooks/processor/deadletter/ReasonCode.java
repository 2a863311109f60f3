package dev.chathooks.processor.deadletter;

/** Why a record went to the dead-letter topic. Every reason written there starts with one of these codes. */
public enum ReasonCode {
    /** The value is not a JSON object (or not JSON at all, or empty). */
    MALFORMED_JSON("malformed-json"),
    /** The event's {@code type} is not one Chat Hooks knows. */
    UNKNOWN_TYPE("unknown-type"),
    /** A required attribute or data field is absent or of the wrong JSON type. */
    MISSING_FIELD("missing-field"),
    /** The record key is not the id the event names (its {@code subject}, or a record's id). */
    KEY_MISMATCH("key-mismatch"),
    /** A message, typing or membership event for a conversation that has no state. Re-run it once it has. */
    UNKNOWN_CONVERSATION("unknown-conversation"),
    /** A state change stamped too far before the stream time for the state history to take it. */
    EXPIRED_STATE("expired-state"),
    /** The record is larger, or nested deeper, than the processor accepts. */
    TOO_LARGE("too-large"),
    /** A hook failed on the invocation after all its retries. */
    HOOK_FAILED("hook-failed");

    private final String code;

    ReasonCode(String code) {
        this.code = code;
    }

    /** The code as written in reasons, such as {@code malformed-json}. */
    public String code() {
        return code;
    }

    /** The reason code with that name, or null. */
    public static ReasonCode fromCode(String code) {
        for (ReasonCode reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        return null;
    }
}

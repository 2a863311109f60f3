package dev.chathooks.deadletter;

/**
 * Headers of a record in the dead-letter topic. The value and key are the rejected record's, unchanged; these
 * headers say why it was rejected and where it came from, so it can be inspected and re-run.
 */
public final class DeadLetterHeaders {
    /** The full reason, {@code <code>: <detail>}, UTF-8. */
    public static final String REASON = "chat-hooks.reason";
    /** The reason code alone, such as {@code malformed-json}. */
    public static final String REASON_CODE = "chat-hooks.reason-code";
    /** The topic the record was read from. */
    public static final String SOURCE_TOPIC = "chat-hooks.source-topic";
    /** The partition it was read from, as decimal text. */
    public static final String SOURCE_PARTITION = "chat-hooks.source-partition";
    /** Its offset there, as decimal text. */
    public static final String SOURCE_OFFSET = "chat-hooks.source-offset";
    /** For {@code hook-failed}: the hook's name. */
    public static final String HOOK = "chat-hooks.hook";
    /** For {@code hook-failed}: how many attempts were made, as decimal text. */
    public static final String ATTEMPTS = "chat-hooks.attempts";
    /** For {@code hook-failed}: the last error's class and message. */
    public static final String ERROR = "chat-hooks.error";

    /**
     * On an invocation re-run from the dead-letter topic: the one hook it is for. Other hooks skip it, so a re-run
     * reaches only the hook that failed.
     */
    public static final String TARGET_HOOK = "chat-hooks.target-hook";

    private DeadLetterHeaders() {
    }
}

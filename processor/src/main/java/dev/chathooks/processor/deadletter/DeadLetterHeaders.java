package dev.chathooks.processor.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a record in the dead-letter topic, and how they are written and read. The value and key are the
 * rejected record's, unchanged; these headers say why it was rejected and where it came from, so it can be
 * inspected and re-run. Values are UTF-8 text.
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
    /** On a re-run record: {@code <partition>:<offset>} of the dead letter it came from. */
    public static final String RERUN_OF = "chat-hooks.rerun-of-offset";

    /** The headers a dead letter gets, which a re-run takes off again. */
    static final List<String> WRITTEN =
            List.of(REASON, REASON_CODE, SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET, HOOK, ATTEMPTS, ERROR);

    private DeadLetterHeaders() {}

    /**
     * The rejected record's own headers (copied) plus the reason and where it was read.
     *
     * @param original the rejected record's headers, or null
     */
    public static Headers of(Headers original, Rejection rejection, String sourceTopic, int partition, long offset) {
        RecordHeaders headers = original == null ? new RecordHeaders() : new RecordHeaders(original.toArray());
        set(headers, REASON, rejection.reason());
        set(headers, REASON_CODE, rejection.code().code());
        set(headers, SOURCE_TOPIC, sourceTopic);
        set(headers, SOURCE_PARTITION, Integer.toString(partition));
        set(headers, SOURCE_OFFSET, Long.toString(offset));
        return headers;
    }

    /**
     * Adds what a {@code hook-failed} dead letter says of the failure, and takes off the mark of a re-run for one
     * hook, so that re-running this dead letter is marked afresh.
     *
     * @param attempts the attempts made (0 when the call could not be prepared)
     * @param error the last error, or null when none was made
     */
    public static void addHookFailure(Headers headers, String hook, int attempts, String error) {
        set(headers, HOOK, hook);
        set(headers, ATTEMPTS, Integer.toString(attempts));
        if (error != null) {
            set(headers, ERROR, error);
        }
        headers.remove(TARGET_HOOK);
    }

    /** Replaces header {@code name} with the UTF-8 {@code value}. */
    static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 value of the last header {@code name}, or null. */
    public static String get(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

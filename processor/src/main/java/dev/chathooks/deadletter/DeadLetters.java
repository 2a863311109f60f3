package dev.chathooks.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the headers of a dead letter. */
public final class DeadLetters {
    private DeadLetters() {
    }

    /**
     * The original headers (copied) plus the reason and the source position.
     *
     * @param original the rejected record's headers, or null
     */
    public static Headers headers(Headers original, Rejection rejection, String sourceTopic, int partition,
                                  long offset) {
        RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        set(headers, DeadLetterHeaders.REASON, rejection.reason());
        set(headers, DeadLetterHeaders.REASON_CODE, rejection.code().code());
        set(headers, DeadLetterHeaders.SOURCE_TOPIC, sourceTopic);
        set(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(partition));
        set(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(offset));
        return headers;
    }

    /** Replaces header {@code name} with the UTF-8 {@code value}. */
    public static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 value of the last header {@code name}, or null. */
    public static String get(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

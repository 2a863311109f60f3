package dev.chathooks.admin;

import dev.chathooks.deadletter.DeadLetterHeaders;
import dev.chathooks.deadletter.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of the dead-letter topic, with its headers read.
 *
 * @param record the record as stored
 * @param reason the full reason
 * @param code the reason code
 * @param sourceTopic the topic it failed on (an input topic, or the invocations topic for {@code hook-failed})
 * @param hook the hook that failed, for {@code hook-failed}; else null
 */
public record DeadLetter(ConsumerRecord<byte[], byte[]> record, String reason, String code, String sourceTopic,
                         String hook) {
    /** Reads the headers of a dead-letter record. */
    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(record, orEmpty(DeadLetters.get(record.headers(), DeadLetterHeaders.REASON)),
                orEmpty(DeadLetters.get(record.headers(), DeadLetterHeaders.REASON_CODE)),
                DeadLetters.get(record.headers(), DeadLetterHeaders.SOURCE_TOPIC),
                DeadLetters.get(record.headers(), DeadLetterHeaders.HOOK));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Whether it matches the filters (null matches anything). */
    public boolean matches(String hookFilter, String codeFilter) {
        return (hookFilter == null || hookFilter.equals(hook)) && (codeFilter == null || codeFilter.equals(code));
    }
}

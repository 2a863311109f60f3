package dev.chathooks.deadletter;

import org.apache.kafka.common.header.Headers;

/**
 * Where records rejected outside a Kafka Streams sink go: the global lookup tables cannot forward records, so
 * they hand rejected ones to this (a producer to the dead-letter topic when running, a list in a replay).
 */
@FunctionalInterface
public interface DeadLetterSink {
    /**
     * Accepts one rejected record. Must not throw; must not block for long.
     *
     * @param record the record as read, with the dead-letter headers already added
     */
    void accept(DeadLetter record);

    /** A rejected record as it goes to the dead-letter topic: the original key, value, timestamp and headers plus ours. */
    record DeadLetter(String topic, byte[] key, byte[] value, long timestamp, Headers headers) {
    }
}

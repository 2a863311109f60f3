package dev.chathooks.processor.deadletter;

/**
 * Where records rejected outside a Kafka Streams sink go: the global lookup tables cannot forward records, so
 * they hand rejected ones to this (a {@link DeadLetterWriter} when running, a list in a replay).
 */
@FunctionalInterface
public interface DeadLetterSink {
    /**
     * Accepts one rejected record. Must not throw; must not block for long.
     *
     * @param letter the record as read, with the dead-letter headers already added
     */
    void accept(DeadLetter letter);
}

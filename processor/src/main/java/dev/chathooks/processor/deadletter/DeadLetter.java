package dev.chathooks.processor.deadletter;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * A dead letter: a record that could not be used, unchanged (its key, value, timestamp and own headers), with the
 * {@link DeadLetterHeaders} that say why and where it was read. It is the one form of a dead letter, whether it is
 * about to be written (by the topology, a lookup table, a hook's dispatch) or was read back from the dead-letter
 * topic ({@link #storedAt()} then says where).
 *
 * <p>{@link #toString()} shows where it is and why, never its key or value, which may hold ids and chat content.
 */
public final class DeadLetter {
    private final byte[] key;
    private final byte[] value;
    private final long timestamp;
    private final Headers headers;
    private final Position storedAt;

    /**
     * A dead letter to write.
     *
     * @param key the rejected record's key, or null
     * @param value the rejected record's value, or null
     * @param timestamp its timestamp (epoch milliseconds; negative for none)
     * @param headers its headers with the dead-letter headers added ({@link DeadLetterHeaders#of})
     */
    public DeadLetter(byte[] key, byte[] value, long timestamp, Headers headers) {
        this(key, value, timestamp, headers, null);
    }

    private DeadLetter(byte[] key, byte[] value, long timestamp, Headers headers, Position storedAt) {
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = Objects.requireNonNull(headers, "headers is null");
        this.storedAt = storedAt;
    }

    /** A record of the dead-letter topic, as read. */
    static DeadLetter read(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(
                record.key(),
                record.value(),
                record.timestamp(),
                record.headers(),
                new Position(record.partition(), record.offset()));
    }

    /** Where a dead letter is stored in the dead-letter topic. */
    public record Position(int partition, long offset) {
        /** {@code <partition>:<offset>}. */
        @Override
        public String toString() {
            return partition + ":" + offset;
        }
    }

    /** The rejected record's key, or null. */
    public byte[] key() {
        return key;
    }

    /** The rejected record's value, or null. */
    public byte[] value() {
        return value;
    }

    /** The rejected record's timestamp, epoch milliseconds (negative for none). */
    public long timestamp() {
        return timestamp;
    }

    /** The rejected record's own headers and the dead-letter headers. */
    public Headers headers() {
        return headers;
    }

    /** Where it is in the dead-letter topic, or null if it was not read from there. */
    public Position storedAt() {
        return storedAt;
    }

    /** The full reason, {@code <code>: <detail>}; empty if it has none (one Chat Hooks did not write). */
    public String reason() {
        return orEmpty(DeadLetterHeaders.get(headers, DeadLetterHeaders.REASON));
    }

    /** The reason code, such as {@code malformed-json}; empty if it has none. */
    public String code() {
        return orEmpty(DeadLetterHeaders.get(headers, DeadLetterHeaders.REASON_CODE));
    }

    /** The topic it failed on (an input topic, or the invocations topic for {@code hook-failed}), or null. */
    public String sourceTopic() {
        return DeadLetterHeaders.get(headers, DeadLetterHeaders.SOURCE_TOPIC);
    }

    /** The hook that failed, for {@code hook-failed}; else null. */
    public String hook() {
        return DeadLetterHeaders.get(headers, DeadLetterHeaders.HOOK);
    }

    /**
     * For {@code hook-failed}, the attempts the hook was given (0 when the call could not be prepared); else 0, as
     * for a header that is not a number (one Chat Hooks did not write).
     */
    public int attempts() {
        String attempts = DeadLetterHeaders.get(headers, DeadLetterHeaders.ATTEMPTS);
        try {
            return attempts == null ? 0 : Integer.parseInt(attempts);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether it matches the filters: a hook name and a reason code, where null matches anything. */
    boolean matches(String hookFilter, String codeFilter) {
        return (hookFilter == null || hookFilter.equals(hook())) && (codeFilter == null || codeFilter.equals(code()));
    }

    /** The record that stores it in {@code deadLetterTopic}: key, value and timestamp unchanged. */
    public ProducerRecord<byte[], byte[]> toProducerRecord(String deadLetterTopic) {
        // A record without a timestamp (only ancient record formats have none) gets the broker's time.
        return new ProducerRecord<>(deadLetterTopic, null, timestamp < 0 ? null : timestamp, key, value, headers);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    @Override
    public String toString() {
        return "DeadLetter{" + (storedAt == null ? "" : "at " + storedAt + ", ") + "from " + sourceTopic() + " "
                + DeadLetterHeaders.get(headers, DeadLetterHeaders.SOURCE_PARTITION) + ":"
                + DeadLetterHeaders.get(headers, DeadLetterHeaders.SOURCE_OFFSET) + ", " + code() + "}";
    }
}

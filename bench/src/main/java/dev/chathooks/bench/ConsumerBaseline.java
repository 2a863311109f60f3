package dev.chathooks.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The machine's limit for reading the input: one plain {@link KafkaConsumer} in a poll loop that does nothing with
 * the records, over the conversation-keyed topics.
 */
final class ConsumerBaseline {
    private ConsumerBaseline() {}

    /**
     * Reads {@code expected} records from the beginning of {@code topics}.
     *
     * @return records per second, from the start of the poll that returned the first records to the end of the
     *         poll that returned the last (a small backlog may come in one poll)
     * @throws IllegalStateException if they are not all read within {@code timeout}
     */
    static double eventsPerSecond(
            String bootstrapServers, String groupId, Collection<String> topics, long expected, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                groupId,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                "consumer",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + timeout.toNanos();
            long read = 0;
            long first = 0;
            long last = 0;
            while (read < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the plain consumer read " + read + " of " + expected
                            + " records in " + timeout.toSeconds() + " s");
                }
                long pollStart = System.nanoTime();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    last = System.nanoTime();
                    if (read == 0) {
                        first = pollStart;
                    }
                    read += records.count();
                }
            }
            return expected / ((last - first) / 1e9);
        }
    }
}

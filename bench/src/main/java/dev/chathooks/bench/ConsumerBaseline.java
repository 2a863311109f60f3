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
 * the records, over the conversation-keyed topics. It is also the cost of a second Kafka hop: what it takes the
 * broker and a consumer to serve records written once more, as the pipeline's invocations are.
 */
final class ConsumerBaseline {
    /**
     * What the plain consumer measured.
     *
     * @param eventsPerSecond records per second over the backlog's first round, from the start of the poll that
     *     returned the first records to the end of the poll that completed the round (a small backlog may come in
     *     one poll)
     * @param cpuMicrosPerEvent this process's CPU time (broker included) from the start of that first poll to the
     *     end of the poll that returned the last record of all rounds, per record, in microseconds
     */
    record Figures(double eventsPerSecond, double cpuMicrosPerEvent) {}

    private ConsumerBaseline() {}

    /**
     * Reads {@code rounds[0]} records and then the rest of the backlog ({@code total} records) from the beginning of
     * {@code topics}.
     *
     * @throws IllegalStateException if they are not all read within {@code timeout}
     */
    static Figures measure(
            String bootstrapServers,
            String groupId,
            Collection<String> topics,
            long firstRound,
            long total,
            Duration timeout) {
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
        try (ProcessCpu cpu = ProcessCpu.start();
                KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + timeout.toNanos();
            long read = 0;
            long first = 0;
            long firstRoundRead = 0;
            long last = 0;
            while (read < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the plain consumer read " + read + " of " + total + " records in "
                            + timeout.toSeconds() + " s");
                }
                long pollStart = System.nanoTime();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    last = System.nanoTime();
                    if (read == 0) {
                        first = pollStart;
                    }
                    read += records.count();
                    if (firstRoundRead == 0 && read >= firstRound) {
                        firstRoundRead = last;
                    }
                }
            }
            return new Figures(
                    firstRound / ((firstRoundRead - first) / 1e9), cpu.nanosBetween(first, last) / 1e3 / read);
        }
    }
}

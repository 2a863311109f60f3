package dev.chathooks.processor.dispatch.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestTopics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures for {@link KeyOrderedConsumer} on the in-process broker: throughput, and produce-to-handler latency at
 * the project's target rate. It reports; it asserts only that every record arrived. Its name keeps it out of the
 * normal test run: {@code mvn -pl processor -am test -Dtest=KeyOrderedConsumerBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}, then read target/surefire-reports/*Benchmark-output.txt.
 */
@KafkaIntegrationTest
class KeyOrderedConsumerBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(KeyOrderedConsumerBenchmark.class);
    private static final int PARTITIONS = 6;
    private static final int KEYS = 1000;
    private static final byte[] VALUE = new byte[300];
    private static final int RATE = 5_000;
    private static final int WARM_UP_SECONDS = 3;
    private static final int MEASURED_SECONDS = 10;

    @Test
    void throughputWithAnAsynchronousHandler() {
        int count = 200_000;
        String topic = TestTopics.createUnique(SharedKafka.bootstrapServers(), "bench-throughput", PARTITIONS);
        produce(topic, count, 0);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (KeyOrderedConsumer consumer = consumer(topic, record -> CompletableFuture.runAsync(() -> {}, executor))) {
            long start = System.nanoTime();
            consumer.start();
            Await.until(
                    count + " records handled",
                    Duration.ofMinutes(5),
                    () -> consumer.stats().handled() >= count,
                    () -> consumer.stats().toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info(
                    "Throughput: {} records in {} s (joining the group included): {} records/s; {} pauses",
                    count,
                    String.format("%.2f", seconds),
                    Math.round(count / seconds),
                    consumer.stats().pauses());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void latencyFromProduceToHandlerAtFiveThousandRecordsPerSecond() {
        int count = RATE * (WARM_UP_SECONDS + MEASURED_SECONDS);
        String topic = TestTopics.createUnique(SharedKafka.bootstrapServers(), "bench-latency", PARTITIONS);
        Latencies latencies = new Latencies(count);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (KeyOrderedConsumer consumer = consumer(
                topic, record -> CompletableFuture.runAsync(() -> latencies.add(record.timestamp()), executor))) {
            consumer.start();
            Await.until(
                    "the consumer owns its partitions",
                    () -> consumer.stats().assigned().size() == PARTITIONS);
            produce(topic, count, RATE);
            Await.until(
                    count + " records handled",
                    Duration.ofMinutes(2),
                    () -> consumer.stats().handled() >= count,
                    () -> consumer.stats().toString());
        } finally {
            executor.shutdownNow();
        }
        assertThat(latencies.size()).isEqualTo(count);
        LOG.info("Key-ordered consumer, produce -> handler: {}", latencies.report());
    }

    @Test
    void baselineLatencyOfAPlainConsumerAtTheSameRate() throws Exception {
        int count = RATE * (WARM_UP_SECONDS + MEASURED_SECONDS);
        String topic = TestTopics.createUnique(SharedKafka.bootstrapServers(), "bench-baseline", PARTITIONS);
        Latencies latencies = new Latencies(count);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                TestTopics.uniqueName("bench"),
                ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                System.getProperty("bench.protocol", "consumer"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().size() < PARTITIONS) {
                consumer.poll(Duration.ofMillis(100));
            }
            Thread producer = new Thread(() -> produce(topic, count, RATE));
            producer.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (latencies.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> latencies.add(record.timestamp()));
            }
            producer.join();
        }
        assertThat(latencies.size()).isEqualTo(count);
        LOG.info("Baseline, a plain consumer's poll loop, produce -> poll: {}", latencies.report());
    }

    /**
     * Produce-to-handle times in milliseconds (the record timestamp's resolution), of the records produced after
     * the warm-up, which lets the JIT compile the broker's and clients' paths first.
     */
    private static final class Latencies {
        private final long[] producedAt;
        private final long[] handledAt;
        private final AtomicInteger size = new AtomicInteger();

        Latencies(int capacity) {
            producedAt = new long[capacity];
            handledAt = new long[capacity];
        }

        void add(long recordTimestamp) {
            long now = System.currentTimeMillis();
            int index = size.getAndIncrement();
            if (index < producedAt.length) {
                producedAt[index] = recordTimestamp;
                handledAt[index] = now;
            }
        }

        int size() {
            return size.get();
        }

        String report() {
            int n = Math.min(size.get(), producedAt.length);
            long first = Arrays.stream(producedAt, 0, n).min().orElse(0);
            long measuredFrom = first + WARM_UP_SECONDS * 1000L;
            long[] measured = java.util.stream.IntStream.range(0, n)
                    .filter(i -> producedAt[i] >= measuredFrom)
                    .mapToLong(i -> handledAt[i] - producedAt[i])
                    .sorted()
                    .toArray();
            return String.format(
                    "%d records/s, %d records measured after %d s of warm-up: p50 %d ms, p99 %d ms, "
                            + "p99.9 %d ms, max %d ms",
                    RATE,
                    measured.length,
                    WARM_UP_SECONDS,
                    percentile(measured, 50),
                    percentile(measured, 99),
                    percentile(measured, 99.9),
                    measured[measured.length - 1]);
        }

        private static long percentile(long[] sorted, double percent) {
            int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    private static KeyOrderedConsumer consumer(String topic, RecordHandler handler) {
        return KeyOrderedConsumer.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .groupId(TestTopics.uniqueName("bench"))
                .property("auto.offset.reset", "earliest")
                .property("group.protocol", System.getProperty("bench.protocol", "consumer"))
                .topic(topic)
                .handler(handler)
                .maxInFlight(1000)
                .commitInterval(Duration.ofSeconds(1))
                .closeTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Produces {@code count} records over {@link #KEYS} keys, at {@code rate} per second (0: as fast as possible). */
    private static void produce(String topic, int count, int rate) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                rate == 0 ? 20 : 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < count; i++) {
                if (rate > 0) {
                    long due = start + i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
                producer.send(new ProducerRecord<>(topic, ("c-" + (i % KEYS)).getBytes(), VALUE));
            }
            producer.flush();
        }
    }
}

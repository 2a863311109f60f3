package dev.chathooks.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes records to and reads them from a real broker, for tests. */
public final class TestRecords {
    private TestRecords() {}

    /** A record of {@code topic} with UTF-8 key and value (either may be null). */
    public static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, bytes(key), bytes(value));
    }

    /**
     * Produces {@code records} in order with an idempotent producer and waits until every one is acknowledged.
     *
     * @return their metadata (partition, offset), in the same order
     */
    public static List<RecordMetadata> produce(
            String bootstrapServers, Collection<ProducerRecord<byte[], byte[]>> records) {
        return produce(bootstrapServers, records, Map.of());
    }

    /**
     * Produces {@code records} as {@link #produce(String, Collection)} does, giving up on a record that is not
     * acknowledged within {@code deliveryTimeout} (the producer's {@code delivery.timeout.ms}; its request timeout
     * is half of that).
     *
     * @throws IllegalStateException if a record was refused or not acknowledged in time; its cause is Kafka's
     */
    public static List<RecordMetadata> produce(
            String bootstrapServers, Collection<ProducerRecord<byte[], byte[]>> records, Duration deliveryTimeout) {
        return produce(
                bootstrapServers,
                records,
                Map.of(
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) deliveryTimeout.toMillis(),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) deliveryTimeout.toMillis() / 2));
    }

    private static List<RecordMetadata> produce(
            String bootstrapServers, Collection<ProducerRecord<byte[], byte[]>> records, Map<String, Object> timeouts) {
        Map<String, Object> config = new HashMap<>(timeouts);
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> sent =
                    records.stream().map(producer::send).toList();
            List<RecordMetadata> acknowledged = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> future : sent) {
                acknowledged.add(future.get());
            }
            return acknowledged;
        } catch (ExecutionException e) {
            throw new IllegalStateException("The test broker refused a record", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing", e);
        }
    }

    /**
     * Reads {@code topic} from the beginning of every partition, without a consumer group, until {@code count}
     * records arrived or {@code timeout} passed; returns what it read, in partition order then offset order. A
     * caller asserts on the result: fewer records than expected means they did not arrive in time.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrapServers, String topic, int count, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(50)).forEach(records::add);
            }
        }
        records.sort((a, b) -> a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }

    /** The UTF-8 values of {@code records}, in their order. */
    public static List<String> values(Collection<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> text(record.value())).collect(Collectors.toList());
    }

    /** {@code value} as UTF-8 bytes; null stays null. */
    public static byte[] bytes(String value) {
        return value == null ? null : value.getBytes(UTF_8);
    }

    /** {@code bytes} as UTF-8 text; null stays null. */
    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }
}

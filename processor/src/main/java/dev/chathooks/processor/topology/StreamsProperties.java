package dev.chathooks.processor.topology;

import dev.chathooks.processor.config.ChatHooksConfig;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/** The Kafka Streams properties every run of the topology uses, live or replayed. */
public final class StreamsProperties {
    private StreamsProperties() {}

    /**
     * The user's Kafka properties, then ours. Records are read as bytes and checked by the topology, which
     * dead-letters what it cannot use with a precise reason; the exception handlers are a last net for the
     * unforeseen: such a record goes to the dead-letter topic (KIP-1034) with Kafka Streams' exception headers,
     * and processing goes on.
     */
    public static Properties of(ChatHooksConfig config) {
        Properties properties = new Properties();
        properties.putAll(config.kafkaProperties());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        properties.put(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                config.topics().deadLetters());
        properties.putIfAbsent(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        properties.putIfAbsent(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName());
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        properties.putIfAbsent(
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, OversizeInvocationHandler.class.getName());
        // Kafka Streams lingers 100 ms before sending a batch of invocations: that alone was most of the
        // produce-to-hook latency. 1 ms took the bench's median from 10 to 6.6 ms and its p99 from 21 to 17 ms
        // against 5 ms, at the same throughput: under load batches fill while the sender is busy anyway. A user's
        // linger.ms wins.
        putUnlessSet(
                properties,
                "1",
                StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
                ProducerConfig.LINGER_MS_CONFIG);
        // Kafka's 16 KB batches hold a few dozen records, so at a backlog's rate the broker handles thousands of
        // small produce requests a second, and that per-batch work was a large part of the CPU per event. 256 KB
        // batches took the bench's warm pipeline from 53 to 46 µs an event (medians of three full runs; 64 KB and
        // 1 MB saved less) at the same latency: a batch waits no longer than linger.ms for more records, so it only
        // grows under load, and
        // buffer.memory (32 MB) still bounds what waits. A user's batch.size wins.
        putUnlessSet(
                properties,
                "262144",
                StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
                ProducerConfig.BATCH_SIZE_CONFIG);
        // RocksDB's memory is outside the heap, and by Kafka Streams' defaults each store's own: bound all of it
        // (state.rocksdb.max-memory-bytes). A user's rocksdb.config.setter wins.
        long rocksDbMemory = config.rocksDbMaxMemoryBytes();
        if (rocksDbMemory > 0 && !properties.containsKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)) {
            properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbMemoryBound.class.getName());
            properties.put(RocksDbMemoryBound.MAX_MEMORY_CONFIG, Long.toString(rocksDbMemory));
        }
        return properties;
    }

    /**
     * Sets {@code keys[0]} to {@code value} unless the user set any of {@code keys}: the key itself, or the same
     * setting for more of Kafka Streams' clients at once (unprefixed, or for all consumers). A user's choice wins.
     */
    public static void putUnlessSet(Properties properties, String value, String... keys) {
        for (String key : keys) {
            if (properties.containsKey(key)) {
                return;
            }
        }
        properties.put(keys[0], value);
    }
}

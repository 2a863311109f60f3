package dev.chathooks.processor.dispatch.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Settings for a {@link KeyOrderedConsumer}; {@link #build()} checks them together.
 *
 * <p>Consumer properties pass through to Kafka's consumer as they are, with these exceptions: the key and value are
 * always read as bytes, {@code enable.auto.commit} is always false, {@code max.poll.records} is capped as described
 * on {@link KeyOrderedConsumer}, and {@code group.protocol} defaults to {@code consumer}.
 */
public final class KeyOrderedConsumerBuilder {
    private static final int DEFAULT_MAX_POLL_RECORDS = 500;
    /** Numbers the consumers that have no client id, to tell their poll threads apart. */
    private static final AtomicInteger UNNAMED = new AtomicInteger();

    private final Map<String, Object> properties = new HashMap<>();
    private String topic;
    private RecordHandler handler;
    private int maxInFlight = 1000;
    private Duration commitInterval = Duration.ofSeconds(1);
    private Duration closeTimeout = Duration.ofSeconds(10);
    private Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory =
            config -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    KeyOrderedConsumerBuilder() {}

    /** The Kafka cluster: {@code bootstrap.servers}. Required. */
    public KeyOrderedConsumerBuilder bootstrapServers(String bootstrapServers) {
        return property(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    /** The consumer group to join: {@code group.id}. Required. */
    public KeyOrderedConsumerBuilder groupId(String groupId) {
        return property(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }

    /** The client id, shown in the broker's logs and metrics and naming the poll thread: {@code client.id}. */
    public KeyOrderedConsumerBuilder clientId(String clientId) {
        return property(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    }

    /** Any Kafka consumer property (security, timeouts, {@code auto.offset.reset}, ...). */
    public KeyOrderedConsumerBuilder property(String key, Object value) {
        properties.put(Objects.requireNonNull(key, "key is null"), Objects.requireNonNull(value, "value is null"));
        return this;
    }

    /** Several Kafka consumer properties at once; they override the ones set before. */
    public KeyOrderedConsumerBuilder properties(Map<String, ?> properties) {
        properties.forEach(this::property);
        return this;
    }

    /** The topic to consume. Required. */
    public KeyOrderedConsumerBuilder topic(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic is null");
        return this;
    }

    /** What to do with each record. Required. */
    public KeyOrderedConsumerBuilder handler(RecordHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler is null");
        return this;
    }

    /** The most records fetched and not finished at any time, across all partitions. Default 1000. */
    public KeyOrderedConsumerBuilder maxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        return this;
    }

    /** How often finished offsets are committed while consuming. Default 1 s. */
    public KeyOrderedConsumerBuilder commitInterval(Duration commitInterval) {
        this.commitInterval = Objects.requireNonNull(commitInterval, "commitInterval is null");
        return this;
    }

    /**
     * How long running records get to finish when their partitions are revoked or at close; commits and the Kafka
     * consumer's own close are bounded by it too. Default 10 s.
     */
    public KeyOrderedConsumerBuilder closeTimeout(Duration closeTimeout) {
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout is null");
        return this;
    }

    /**
     * Makes the Kafka consumer from the final properties when the consumer starts; by default a
     * {@link KafkaConsumer} of bytes. Unit tests pass a {@code MockConsumer} here.
     */
    KeyOrderedConsumerBuilder consumerFactory(Function<Map<String, Object>, Consumer<byte[], byte[]>> factory) {
        this.consumerFactory = Objects.requireNonNull(factory, "factory is null");
        return this;
    }

    /**
     * The consumer, not started yet.
     *
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public KeyOrderedConsumer build() {
        requireText(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "the Kafka cluster's addresses");
        requireText(ConsumerConfig.GROUP_ID_CONFIG, "the consumer group to join");
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("The consumer needs a topic to consume");
        }
        if (handler == null) {
            throw new IllegalArgumentException("The consumer of " + topic + " needs a record handler");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("The commit interval must be positive, not " + commitInterval);
        }
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("The close timeout must not be negative, not " + closeTimeout);
        }
        Object autoCommit = properties.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
        if (autoCommit != null && Boolean.parseBoolean(autoCommit.toString())) {
            throw new IllegalArgumentException(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG + " cannot be true: the "
                    + "consumer commits offsets itself, once the records before them are finished");
        }
        Map<String, Object> config = new HashMap<>(properties);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        int maxPollRecords = maxPollRecords(config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        String groupId = config.get(ConsumerConfig.GROUP_ID_CONFIG).toString();
        Object clientId = config.get(ConsumerConfig.CLIENT_ID_CONFIG);
        String name = clientId != null ? clientId.toString() : groupId + "-" + UNNAMED.incrementAndGet();
        return new KeyOrderedConsumer(new ConsumerSettings(
                topic,
                groupId,
                name,
                handler,
                maxInFlight,
                maxPollRecords,
                commitInterval,
                closeTimeout,
                config,
                consumerFactory));
    }

    private int maxPollRecords(Object configured) {
        int cap = Math.max(1, Math.min(DEFAULT_MAX_POLL_RECORDS, maxInFlight / 2));
        if (configured == null) {
            return cap;
        }
        int value;
        try {
            value = Integer.parseInt(configured.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG + " must be a number, not '" + configured + "'", e);
        }
        if (value < 1) {
            throw new IllegalArgumentException(
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG + " must be at least 1, not " + value);
        }
        return Math.min(value, Math.max(1, maxInFlight / 2));
    }

    private void requireText(String key, String what) {
        Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("The consumer needs " + key + ": " + what);
        }
    }
}

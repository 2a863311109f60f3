package dev.chathooks.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/**
 * The Kafka image that the container variants of the integration tests run on. Use it in a subclass of a
 * contract test:
 *
 * <pre>{@code
 * @Testcontainers(disabledWithoutDocker = true)
 * class SomethingContainerTest extends SomethingContract {
 *     @Container
 *     static final KafkaContainer KAFKA = KafkaContainers.create();
 *
 *     @Override
 *     public String bootstrapServers() {
 *         return KAFKA.getBootstrapServers();
 *     }
 * }
 * }</pre>
 * Without a Docker engine JUnit skips the class, and the in-process variant still runs the same tests.
 */
public final class KafkaContainers {
    /** A released Apache Kafka image running in KRaft mode. */
    public static final String IMAGE = "apache/kafka:4.1.0";

    private KafkaContainers() {}

    /**
     * A single-node Kafka container, not started: the {@code @Container} extension starts it. Its group settings
     * match the in-process broker's, so that rebalances take as long on both.
     */
    public static KafkaContainer create() {
        return new KafkaContainer(IMAGE)
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_GROUP_CONSUMER_MIN_HEARTBEAT_INTERVAL_MS", "500")
                .withEnv("KAFKA_GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }
}

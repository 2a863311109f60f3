package dev.chathooks.testsupport;

/**
 * What a contract test needs of the broker it runs on. A contract test is an abstract class that implements this
 * and holds the tests; one subclass runs them on the {@link SharedKafka shared in-process broker}, another on a
 * {@link KafkaContainers container} where Docker is present.
 */
public interface KafkaCluster {
    /** The {@code bootstrap.servers} of the broker the tests run on. */
    String bootstrapServers();
}

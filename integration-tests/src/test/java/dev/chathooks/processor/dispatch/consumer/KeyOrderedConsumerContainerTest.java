package dev.chathooks.processor.dispatch.consumer;

import dev.chathooks.testsupport.KafkaContainers;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

@KafkaIntegrationTest
@Testcontainers(disabledWithoutDocker = true)
class KeyOrderedConsumerContainerTest extends KeyOrderedConsumerContract {
    @Container
    static final KafkaContainer KAFKA = KafkaContainers.create();

    @Override
    public String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}

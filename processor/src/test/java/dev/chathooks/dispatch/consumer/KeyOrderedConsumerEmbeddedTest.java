package dev.chathooks.dispatch.consumer;

import dev.chathooks.testing.KafkaIntegrationTest;
import dev.chathooks.testing.SharedKafka;

@KafkaIntegrationTest
class KeyOrderedConsumerEmbeddedTest extends KeyOrderedConsumerContract {
    @Override
    public String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }
}

package dev.chathooks.kafka;

import dev.chathooks.testing.KafkaIntegrationTest;
import dev.chathooks.testing.SharedKafka;

@KafkaIntegrationTest
class TopicSetupEmbeddedTest extends TopicSetupContract {
    @Override
    public String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }
}

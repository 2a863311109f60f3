package dev.chathooks.processor.kafka;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;

@KafkaIntegrationTest
class TopicSetupEmbeddedTest extends TopicSetupContract {
    @Override
    public String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }
}

package dev.chathooks.processor.dispatch.consumer;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;

@KafkaIntegrationTest
class KeyOrderedConsumerEmbeddedTest extends KeyOrderedConsumerContract {
    @Override
    public String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }
}

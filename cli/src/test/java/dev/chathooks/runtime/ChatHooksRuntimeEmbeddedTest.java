package dev.chathooks.runtime;

import dev.chathooks.testing.KafkaIntegrationTest;
import dev.chathooks.testing.SharedKafka;

@KafkaIntegrationTest
class ChatHooksRuntimeEmbeddedTest extends ChatHooksRuntimeContract {
    @Override
    public String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }
}

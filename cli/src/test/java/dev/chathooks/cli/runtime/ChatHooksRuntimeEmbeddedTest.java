package dev.chathooks.cli.runtime;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;

@KafkaIntegrationTest
class ChatHooksRuntimeEmbeddedTest extends ChatHooksRuntimeContract {
    @Override
    public String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }
}

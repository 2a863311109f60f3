package dev.chathooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.config.ChatHooksConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench measures the topic layout its settings choose, on topics of its own run. */
class BenchTopicsTest {
    @Test
    void byDefaultTheRunHasThreeConversationKeyedTopicsOfItsOwn() {
        ChatHooksConfig.Topics topics =
                ChatHooksConfig.of(BenchTopics.runKeys("bench-1", Map.of())).topics();

        assertThat(topics.conversationKeyed())
                .containsExactly("bench-1.chat.conversations", "bench-1.chat.messages", "bench-1.chat.typing");
        assertThat(topics.users()).isEqualTo("bench-1.chat.users");
        assertThat(topics.deadLetters()).isEqualTo("bench-1.dlq");
        assertThat(BenchTopics.layout(topics)).isEqualTo("3-topic layout");
    }

    @Test
    void settingsThatNameOneTopicForEveryConversationKeyedEventGiveTheOneTopicLayout() {
        Map<String, String> oneTopic = Map.of(
                "topics.conversations", "chat.events",
                "topics.messages", "chat.events",
                "topics.typing", "chat.events",
                "bootstrap.servers", "elsewhere:9092");

        Map<String, String> keys = BenchTopics.runKeys("bench-2", oneTopic);
        ChatHooksConfig.Topics topics = ChatHooksConfig.of(keys).topics();

        assertThat(topics.conversationKeyed()).containsExactly("bench-2.chat.events");
        assertThat(BenchTopics.layout(topics)).isEqualTo("one-topic layout");
        assertThat(keys).containsEntry("application.id", "bench-2").doesNotContainKey("bootstrap.servers");
    }
}

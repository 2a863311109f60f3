package dev.chathooks.processor.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.kafka.TopicSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicPlanTest {
    private final ChatHooksConfig config =
            ChatHooksConfig.of(Map.of("application.id", "hooks", "topics.partitions", "3"));

    @Test
    void holdsTheTopicsOfEveryRunWithTheConfiguredPartitionsAndACompactedUsersTopic() {
        TopicPlan plan = TopicPlan.of(config);

        assertThat(plan.names())
                .containsExactly(
                        "chat.conversations",
                        "chat.messages",
                        "chat.typing",
                        "chat.users",
                        "chat-hooks.dlq",
                        "hooks-invocations",
                        "hooks-control");
        assertThat(plan.specs())
                .filteredOn(spec -> !spec.name().equals("hooks-control"))
                .allSatisfy(spec -> assertThat(spec.partitions()).isEqualTo(3));
        assertThat(spec(plan, "chat.users"))
                .isEqualTo(TopicSpec.of("chat.users", 3).compacted());
        assertThat(spec(plan, "chat.messages").configs()).isEmpty();
        assertThat(spec(plan, "hooks-control").partitions())
                .as("one partition: the control messages in order")
                .isEqualTo(1);
    }

    @Test
    void addsLookupTablesCompactedAndOutputTopicsPlainKeepingTheFirstSpecOfATopicNamedTwice() {
        TopicPlan plan = TopicPlan.of(config)
                .withLookupTables(List.of("chat.devices", "chat.users"))
                .withOutputTopics(List.of("push.feedback", "chat.messages"));

        assertThat(plan.names()).endsWith("chat.devices", "push.feedback").doesNotHaveDuplicates();
        assertThat(spec(plan, "chat.devices"))
                .isEqualTo(TopicSpec.of("chat.devices", 3).compacted());
        assertThat(spec(plan, "push.feedback")).isEqualTo(TopicSpec.of("push.feedback", 3));
        assertThat(spec(plan, "chat.messages").configs())
                .as("the input topic as planned first")
                .isEmpty();
    }

    @Test
    void theOneTopicLayoutPlansItsTopicOnceAndChecksItAloneForCoPartitioning() {
        ChatHooksConfig oneTopic = ChatHooksConfig.of(Map.of(
                "application.id",
                "hooks",
                "topics.partitions",
                "3",
                "topics.conversations",
                "chat.events",
                "topics.messages",
                "chat.events",
                "topics.typing",
                "chat.events"));

        assertThat(oneTopic.topics().conversationKeyed()).containsExactly("chat.events");
        assertThat(oneTopic.topics().oneTopicLayout()).isTrue();
        assertThat(config.topics().oneTopicLayout()).isFalse();
        assertThat(TopicPlan.of(oneTopic).names())
                .containsExactly("chat.events", "chat.users", "chat-hooks.dlq", "hooks-invocations", "hooks-control");
    }

    private static TopicSpec spec(TopicPlan plan, String name) {
        return plan.specs().stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}

package dev.chathooks.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.kafka.TopicSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicPlanTest {
    private final ChatHooksConfig config = ChatHooksConfig.of(Map.of("application.id", "hooks",
            "topics.partitions", "3"));

    @Test
    void holdsTheTopicsOfEveryRunWithTheConfiguredPartitionsAndACompactedUsersTopic() {
        TopicPlan plan = TopicPlan.of(config);

        assertThat(plan.names()).containsExactly("chat.conversations", "chat.messages", "chat.typing", "chat.users",
                "chat-hooks.dlq", "hooks-invocations", "hooks-control");
        assertThat(plan.specs()).filteredOn(spec -> !spec.name().equals("hooks-control"))
                .allSatisfy(spec -> assertThat(spec.partitions()).isEqualTo(3));
        assertThat(spec(plan, "chat.users")).isEqualTo(TopicSpec.of("chat.users", 3).compacted());
        assertThat(spec(plan, "chat.messages").configs()).isEmpty();
        assertThat(spec(plan, "hooks-control").partitions()).as("one partition: the control messages in order")
                .isEqualTo(1);
    }

    @Test
    void addsLookupTablesCompactedAndOutputTopicsPlainKeepingTheFirstSpecOfATopicNamedTwice() {
        TopicPlan plan = TopicPlan.of(config).withLookupTables(List.of("chat.devices", "chat.users"))
                .withOutputTopics(List.of("push.feedback", "chat.messages"));

        assertThat(plan.names()).endsWith("chat.devices", "push.feedback").doesNotHaveDuplicates();
        assertThat(spec(plan, "chat.devices")).isEqualTo(TopicSpec.of("chat.devices", 3).compacted());
        assertThat(spec(plan, "push.feedback")).isEqualTo(TopicSpec.of("push.feedback", 3));
        assertThat(spec(plan, "chat.messages").configs()).as("the input topic as planned first").isEmpty();
    }

    private static TopicSpec spec(TopicPlan plan, String name) {
        return plan.specs().stream().filter(spec -> spec.name().equals(name)).findFirst().orElseThrow();
    }
}

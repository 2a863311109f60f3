package dev.chathooks.processor.rewind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How a running hook is rewound: its finished events are forgotten first, then its consumer is repositioned. */
class RewindableHookTest {
    private final List<String> steps = new ArrayList<>();

    private final RepositionableConsumer consumer = new RepositionableConsumer() {
        @Override
        public String topic() {
            return "app-invocations";
        }

        @Override
        public Set<TopicPartition> assigned() {
            return Set.of(new TopicPartition("app-invocations", 2), new TopicPartition("app-invocations", 0));
        }

        @Override
        public CompletionStage<Map<TopicPartition, Long>> reposition(Map<TopicPartition, Long> offsets) {
            steps.add("reposition " + offsets);
            return CompletableFuture.completedFuture(Map.of(new TopicPartition("app-invocations", 2), 40L));
        }
    };

    private final RewindableHook hook = new RewindableHook(consumer, () -> steps.add("forget finished"));

    @Test
    void theFinishedEventsAreForgottenBeforeTheConsumerMoves() {
        Map<Integer, Long> moved =
                hook.rewind(Map.of(2, 40L)).toCompletableFuture().join();

        assertThat(steps).containsExactly("forget finished", "reposition {app-invocations-2=40}");
        assertThat(moved).isEqualTo(Map.of(2, 40L));
    }

    @Test
    void theAssignedPartitionsAreTheConsumersByNumber() {
        assertThat(hook.assignedPartitions()).containsExactly(0, 2);
    }
}

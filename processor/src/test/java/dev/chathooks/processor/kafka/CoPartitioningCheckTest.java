package dev.chathooks.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CoPartitioningCheckTest {
    @Test
    void returnsTheCommonCount() {
        assertThat(CoPartitioningCheck.requireCoPartitioned(Map.of("a", OptionalInt.of(4), "b", OptionalInt.of(4))))
                .isEqualTo(4);
    }

    @Test
    void suggestsTheLargestCountForEverySmallerTopic() {
        Map<String, OptionalInt> counts = new LinkedHashMap<>();
        counts.put("chat.conversations", OptionalInt.of(6));
        counts.put("chat.messages", OptionalInt.of(3));
        counts.put("chat.typing", OptionalInt.of(1));

        assertThatThrownBy(() -> CoPartitioningCheck.requireCoPartitioned(counts))
                .hasMessageContaining("chat.conversations has 6 partitions, chat.messages has 3 partitions, "
                        + "chat.typing has 1 partition.")
                .hasMessageContaining("Give chat.messages, chat.typing 6 partitions")
                .hasMessageContaining("--partitions 6");
    }

    @Test
    void asksForTheMissingTopicsWhenNoneExists() {
        Map<String, OptionalInt> counts = new LinkedHashMap<>();
        counts.put("a", OptionalInt.empty());
        counts.put("b", OptionalInt.empty());

        assertThatThrownBy(() -> CoPartitioningCheck.requireCoPartitioned(counts))
                .isInstanceOf(CoPartitioningException.class)
                .hasMessageContaining("a does not exist, b does not exist.")
                .hasMessageContaining("Create a, b with the same number of partitions.");
    }
}

package dev.chathooks.processor.dispatch.consumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class KeyOrderedConsumerBuilderTest {
    private static KeyOrderedConsumerBuilder complete() {
        return KeyOrderedConsumer.builder()
                .bootstrapServers("localhost:9092")
                .groupId("chat-hooks-logging")
                .topic("chat-hooks-invocations")
                .handler(record -> CompletableFuture.completedFuture(null));
    }

    @Test
    void requiresBootstrapServers() {
        assertThatThrownBy(() -> KeyOrderedConsumer.builder()
                        .groupId("g")
                        .topic("t")
                        .handler(record -> null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void requiresAGroup() {
        assertThatThrownBy(() -> KeyOrderedConsumer.builder()
                        .bootstrapServers("localhost:9092")
                        .topic("t")
                        .handler(record -> null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group.id");
    }

    @Test
    void refusesAutoCommitBecauseItWouldCommitUnfinishedRecords() {
        assertThatThrownBy(
                        () -> complete().property("enable.auto.commit", "true").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enable.auto.commit cannot be true");
    }

    @Test
    void refusesAnEmptyBound() {
        assertThatThrownBy(() -> complete().maxInFlight(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInFlight must be at least 1");
    }

    @Test
    void refusesAMaxPollRecordsThatIsNotANumber() {
        assertThatThrownBy(() -> complete().property("max.poll.records", "many").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max.poll.records must be a number");
    }
}

package dev.chathooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.config.ChatHooksConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The bench's paced sending, whose measured span and event count the steady-rate CPU figures divide by. What is
 * tested is the bench's counting, not Kafka's: a {@link MockProducer} takes the records.
 */
class BenchTrafficTest {
    @Test
    void aPacedPhaseCountsTheEventsItTellsTheProbeAndTheSpanTheyWereDueIn() {
        ChatHooksConfig.Topics topics =
                ChatHooksConfig.of(BenchTopics.runKeys("bench-paced", Map.of())).topics();
        BenchTraffic traffic = new BenchTraffic(topics, 3, BenchSizes.tiny(), 1_000);
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        LatencyProbe probe = new LatencyProbe();

        BenchTraffic.Paced paced =
                traffic.sendPaced(producer, 1_000, Duration.ofMillis(100), Duration.ofMillis(300), probe, "paced");

        // Events are due every millisecond from the start; those due in the 300 ms after the warm-up are measured,
        // however late the machine sends them.
        assertThat(paced.measuredEvents()).isEqualTo(300);
        assertThat(probe.waiting())
                .as("each measured event is told to the probe")
                .isEqualTo(300);
        assertThat(paced.measuredToNanos() - paced.measuredFromNanos())
                .isEqualTo(Duration.ofMillis(300).toNanos());
        long conversationKeyedSent = producer.history().stream()
                .filter(record -> topics.conversationKeyed().contains(record.topic()))
                .count();
        assertThat(paced.sent())
                .as("warm-up, measured events and end markers")
                .isEqualTo(conversationKeyedSent)
                .isGreaterThan(400);
    }
}

package dev.chathooks.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import dev.chathooks.testsupport.PrometheusText;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** An invocation too large for the cluster dead-letters its source event instead of stopping the topology. */
class OversizeInvocationHandlerTest {
    private static final byte[] EVENT = "{\"id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);

    /** What Kafka Streams tells a handler about the input record being processed. */
    private static final ErrorHandlerContext SOURCE = new ErrorHandlerContext() {
        public String topic() {
            return "chat.conversations";
        }

        public int partition() {
            return 3;
        }

        public long offset() {
            return 42;
        }

        public Headers headers() {
            return new RecordHeaders();
        }

        public String processorNodeId() {
            return TopologyNames.ENRICH;
        }

        public TaskId taskId() {
            return new TaskId(0, 3);
        }

        public long timestamp() {
            return 1000;
        }

        public byte[] sourceRawKey() {
            return "c-1".getBytes(StandardCharsets.UTF_8);
        }

        public byte[] sourceRawValue() {
            return EVENT;
        }
    };

    private final OversizeInvocationHandler handler = new OversizeInvocationHandler();
    private final ProducerRecord<byte[], byte[]> invocation =
            new ProducerRecord<>("chat-hooks-invocations", "c-1".getBytes(StandardCharsets.UTF_8), new byte[2_000_000]);

    OversizeInvocationHandlerTest() {
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "chat-hooks.dlq"));
    }

    @Test
    void itsDeadLettersAreCountedWhenGivenTheCounters() {
        ChatHooksMetrics metrics = ChatHooksMetrics.bare();
        OversizeInvocationHandler counting = new OversizeInvocationHandler();
        counting.configure(Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                "chat-hooks.dlq",
                OversizeInvocationHandler.METRICS_CONFIG,
                metrics.pipeline()));

        counting.handleError(SOURCE, invocation, new RecordTooLargeException("too big"));

        assertThat(PrometheusText.parse(metrics.scrape()).sum("chathooks_rejected_total", "reason", "too-large"))
                .isEqualTo(1);
    }

    @Test
    void aTooLargeInvocationDeadLettersItsSourceEventAndProcessingGoesOn() {
        ProductionExceptionHandler.Response response =
                handler.handleError(SOURCE, invocation, new RecordTooLargeException("too big"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("chat-hooks.dlq");
            assertThat(letter.value()).isEqualTo(EVENT);
            assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON_CODE))
                    .isEqualTo("too-large");
            assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                    .isEqualTo("chat.conversations");
            assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET))
                    .isEqualTo("42");
        });
    }

    @Test
    void otherProductionErrorsFailAsByDefault() {
        assertThat(handler.handleError(SOURCE, invocation, new TimeoutException("slow"))
                        .result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }
}

package dev.chathooks.processor.topology;

import dev.chathooks.processor.deadletter.DeadLetter;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.deadletter.ReasonCode;
import dev.chathooks.processor.deadletter.Rejection;
import dev.chathooks.processor.metrics.PipelineMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An invocation larger than the cluster accepts (a conversation with a huge participant list) cannot be written; by
 * default Kafka Streams would then fail, and a replaced thread would fail on the same record forever. This handler
 * dead-letters the input record it came from (the chat event, unchanged, which is small) as {@code too-large}
 * instead, so that it can be re-run once the limits are raised, and processing goes on. Every other production
 * error fails as by default.
 */
public final class OversizeInvocationHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OversizeInvocationHandler.class);

    /**
     * The Kafka Streams property that hands this handler (made by Kafka Streams from its class name) the
     * {@link PipelineMetrics} to count its dead letters in; without it they are not counted.
     */
    public static final String METRICS_CONFIG = "chathooks.pipeline.metrics";

    private String deadLetterTopic;
    private PipelineMetrics metrics = PipelineMetrics.none();

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
        if (configs.get(METRICS_CONFIG) instanceof PipelineMetrics given) {
            metrics = given;
        }
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (!(exception instanceof RecordTooLargeException)
                || deadLetterTopic == null
                || record.topic().equals(deadLetterTopic)) {
            return Response.fail();
        }
        int size = record.value() == null ? 0 : record.value().length;
        Rejection rejection = new Rejection(
                ReasonCode.TOO_LARGE,
                "the record written to " + record.topic()
                        + " has " + size
                        + " bytes, more than the cluster accepts; raise the producer's max.request.size"
                        + " and the topic's max.message.bytes, then re-run this dead letter's source record");
        metrics.rejected(ReasonCode.TOO_LARGE);
        LOG.error(
                "Dead-lettering a {}-byte record for {} made from {}-{}@{}: more than the cluster accepts",
                size,
                record.topic(),
                context.topic(),
                context.partition(),
                context.offset());
        byte[] key = context.sourceRawKey() != null ? context.sourceRawKey() : record.key();
        DeadLetter letter = new DeadLetter(
                key,
                context.sourceRawValue(),
                context.timestamp(),
                DeadLetterHeaders.of(
                        context.headers(), rejection, context.topic(), context.partition(), context.offset()));
        return Response.resume(List.of(letter.toProducerRecord(deadLetterTopic)));
    }
}

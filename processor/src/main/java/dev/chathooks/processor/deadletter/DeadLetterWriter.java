package dev.chathooks.processor.deadletter;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters to the dead-letter topic through a shared producer: the path of every dead letter that is not
 * forwarded inside Kafka Streams (those of the lookup tables and of the hooks' dispatch).
 */
public final class DeadLetterWriter implements DeadLetterSink {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    /**
     * @param producer the producer to send with (shared, thread-safe; not closed here)
     * @param topic the dead-letter topic
     */
    public DeadLetterWriter(Producer<byte[], byte[]> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer is null");
        this.topic = Objects.requireNonNull(topic, "topic is null");
    }

    /**
     * Sends one dead letter.
     *
     * @return completes once the broker stored it; exceptionally if it could not be sent, also when the producer
     *     refused it at once
     */
    public CompletableFuture<Void> write(DeadLetter letter) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            producer.send(letter.toProducerRecord(topic), (metadata, error) -> {
                if (error == null) {
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            stored.completeExceptionally(e);
        }
        return stored;
    }

    /** Sends one dead letter without waiting; a failure to store it is logged, as the caller cannot wait. */
    @Override
    public void accept(DeadLetter letter) {
        write(letter).whenComplete((stored, error) -> {
            if (error != null) {
                LOG.error("Could not store {} in {}: {}", letter, topic, error.toString());
            }
        });
    }
}

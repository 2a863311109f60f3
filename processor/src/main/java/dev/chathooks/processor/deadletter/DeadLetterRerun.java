package dev.chathooks.processor.deadletter;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends dead letters back to where they failed: an input record to its input topic (the topology checks it again),
 * a {@code hook-failed} invocation to the invocations topic marked for the one hook that failed (the other hooks
 * skip it).
 *
 * <p>A re-run record gets the current time as its timestamp, so that a message dead-lettered as
 * {@code unknown-conversation} is joined with the conversation's state as it is now; its CloudEvents {@code time}
 * attribute still says when it happened. It keeps its own headers, loses the dead-letter ones, and says which dead
 * letter it came from ({@link DeadLetterHeaders#RERUN_OF}).
 */
public final class DeadLetterRerun {
    private final String invocationsTopic;

    /** @param invocationsTopic the invocations topic, where a {@code hook-failed} dead letter goes back to */
    public DeadLetterRerun(String invocationsTopic) {
        this.invocationsTopic = invocationsTopic;
    }

    /**
     * Sends one dead letter, read from the dead-letter topic, back to where it failed.
     *
     * @return completes with the topic it was sent to once the broker has it, exceptionally if it could not be sent
     * @throws IllegalArgumentException if the dead letter does not say where it came from (such as one that Kafka
     *     Streams' own exception handler wrote), or was not read from the dead-letter topic
     */
    public CompletableFuture<String> send(DeadLetter letter, Producer<byte[], byte[]> producer) {
        if (letter.storedAt() == null) {
            throw new IllegalArgumentException(letter + " was not read from the dead-letter topic");
        }
        String target = letter.sourceTopic();
        if (target == null) {
            throw new IllegalArgumentException(
                    "dead letter " + letter.storedAt() + " has no " + DeadLetterHeaders.SOURCE_TOPIC + " header");
        }
        Headers headers = new RecordHeaders(letter.headers().toArray());
        DeadLetterHeaders.WRITTEN.forEach(headers::remove);
        DeadLetterHeaders.set(
                headers, DeadLetterHeaders.RERUN_OF, letter.storedAt().toString());
        if (target.equals(invocationsTopic) && letter.hook() != null) {
            DeadLetterHeaders.set(headers, DeadLetterHeaders.TARGET_HOOK, letter.hook());
        }
        CompletableFuture<String> sent = new CompletableFuture<>();
        producer.send(
                new ProducerRecord<>(target, null, System.currentTimeMillis(), letter.key(), letter.value(), headers),
                (metadata, error) -> {
                    if (error == null) {
                        sent.complete(target);
                    } else {
                        sent.completeExceptionally(error);
                    }
                });
        return sent;
    }
}

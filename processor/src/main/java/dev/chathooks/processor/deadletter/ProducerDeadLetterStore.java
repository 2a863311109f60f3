package dev.chathooks.processor.deadletter;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one hook's dead letters in the dead-letter topic. A letter the producer cannot store is sent again, with
 * backoff, until it is stored or the store is {@link #close closed}; then its stage never completes, and its record
 * stays unfinished for the next owner of its partition.
 */
public final class ProducerDeadLetterStore implements DeadLetterStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerDeadLetterStore.class);
    private static final Duration FIRST_STORE_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_STORE_RETRY = Duration.ofSeconds(10);

    private final DeadLetterWriter writer;
    private final String hookName;
    private volatile boolean closed;

    /**
     * @param writer writes dead letters to the dead-letter topic
     * @param hookName the hook whose letters these are, for the logs
     */
    public ProducerDeadLetterStore(DeadLetterWriter writer, String hookName) {
        this.writer = writer;
        this.hookName = hookName;
    }

    @Override
    public CompletionStage<Void> store(DeadLetter letter, String source) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        send(letter, source, stored, FIRST_STORE_RETRY);
        return stored;
    }

    /** Sends the dead letter; on failure sends it again after {@code delay}, doubled each time up to a limit. */
    private void send(DeadLetter letter, String source, CompletableFuture<Void> stored, Duration delay) {
        if (closed) {
            return; // left unfinished: not committed, handled again by the next owner
        }
        writer.write(letter).whenComplete((written, error) -> {
            if (error == null) {
                stored.complete(null);
            } else {
                retry(letter, source, stored, delay, error);
            }
        });
    }

    private void retry(
            DeadLetter letter, String source, CompletableFuture<Void> stored, Duration delay, Throwable error) {
        LOG.error(
                "Could not store the dead letter of {} for hook '{}' ({}); trying again in {} ms, and the "
                        + "conversation waits until it is stored",
                source,
                hookName,
                error.toString(),
                delay.toMillis());
        Duration doubled = delay.multipliedBy(2);
        Duration next = doubled.compareTo(LAST_STORE_RETRY) > 0 ? LAST_STORE_RETRY : doubled;
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> send(letter, source, stored, next));
    }

    @Override
    public void close() {
        closed = true;
    }
}

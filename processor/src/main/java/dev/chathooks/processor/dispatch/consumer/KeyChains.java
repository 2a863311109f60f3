package dev.chathooks.processor.dispatch.consumer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-key chains: starts a fetched record unless an earlier record of its key is unfinished, and, as each record
 * finishes, starts the next one of its key from the thread that finished it, without a hop through the poll thread.
 * A handler's failure is logged (topic, partition, offset; never the content) and the record counts as finished.
 */
final class KeyChains {
    private static final Logger LOG = LoggerFactory.getLogger(KeyChains.class);

    private final RecordHandler handler;
    private final InFlightGate gate;
    private final LongAdder handled = new LongAdder();
    private final LongAdder failed = new LongAdder();

    KeyChains(RecordHandler handler, InFlightGate gate) {
        this.handler = handler;
        this.gate = gate;
    }

    /** Takes a fetched record of {@code work}'s partition, in offset order. Poll thread. */
    void accept(PartitionWork work, ConsumerRecord<byte[], byte[]> record) {
        gate.admit();
        if (work.add(record)) {
            run(work, record);
        }
    }

    /** Records finished since start, failed ones included. */
    long handled() {
        return handled.sum();
    }

    /** Records whose handler failed. */
    long failed() {
        return failed.sum();
    }

    /**
     * Runs {@code record} and, as each one finishes, the next record of its key. A stage that is complete already is
     * followed in this loop rather than by recursion, so a run of synchronous handlers cannot overflow the stack.
     */
    private void run(PartitionWork work, ConsumerRecord<byte[], byte[]> first) {
        ConsumerRecord<byte[], byte[]> record = first;
        while (record != null) {
            ConsumerRecord<byte[], byte[]> current = record;
            InlineCompletion inline = new InlineCompletion();
            invoke(current).whenComplete((ignored, error) -> {
                if (inline.completedDuringRegistration(error)) {
                    return;
                }
                ConsumerRecord<byte[], byte[]> next = finish(work, current, error);
                if (next != null) {
                    run(work, next);
                }
            });
            record = inline.registered() ? finish(work, current, inline.error()) : null;
        }
    }

    private CompletionStage<Void> invoke(ConsumerRecord<byte[], byte[]> record) {
        try {
            CompletionStage<Void> stage = handler.handle(record);
            if (stage == null) {
                return CompletableFuture.failedFuture(new NullPointerException("the handler returned null"));
            }
            return stage;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private ConsumerRecord<byte[], byte[]> finish(
            PartitionWork work, ConsumerRecord<byte[], byte[]> record, Throwable error) {
        if (error != null) {
            failed.increment();
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            LOG.error(
                    "The handler failed on {}-{} at offset {}; the record counts as handled",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    cause);
        }
        handled.increment();
        ConsumerRecord<byte[], byte[]> next = work.finish(record);
        // The next record of the key, if any, was counted in flight when it was fetched.
        gate.release(1);
        return next;
    }

    /**
     * Tells the thread that registers a completion callback whether the stage was complete already, in which case
     * that thread goes on with the next record itself.
     */
    private static final class InlineCompletion {
        private boolean registered;
        private boolean completedInline;
        private Throwable error;

        /** From the callback: true if registration is still under way, so the registering thread takes over. */
        synchronized boolean completedDuringRegistration(Throwable error) {
            if (registered) {
                return false;
            }
            completedInline = true;
            this.error = error;
            return true;
        }

        /** From the registering thread, after registering: true if the callback already ran and handed over. */
        synchronized boolean registered() {
            registered = true;
            return completedInline;
        }

        synchronized Throwable error() {
            return error;
        }
    }
}

package dev.chathooks.processor.dispatch.consumer;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Handles one record for a {@link KeyOrderedConsumer}.
 *
 * <p>Contract:
 * <ol>
 *   <li>{@link #handle} must return at once and do its work asynchronously: it is called on the consumer's poll
 *       thread for the first record of a key, and on the thread that completed the previous stage of the same key
 *       for the records after it. Blocking there stalls polling, or every key behind that thread.</li>
 *   <li>The record is finished when the returned stage completes. Only then does the next record with the same
 *       key start, and only then may its offset be committed.</li>
 *   <li>Retries, time-outs and dead letters are the handler's job. A stage completed exceptionally (or a
 *       {@code handle} that throws, or returns null) is logged at ERROR with the record's topic, partition and
 *       offset, and the record counts as finished: it is not handled again.</li>
 *   <li>A stage that never completes holds back its key and every commit of its partition: bound the work with
 *       a time-out.</li>
 *   <li>Delivery is at least once: after a rebalance or a crash, records whose offsets were not committed are
 *       handled again, possibly by another process, possibly while a slow earlier attempt still runs.</li>
 * </ol>
 */
@FunctionalInterface
public interface RecordHandler {
    /**
     * Starts handling {@code record}.
     *
     * @param record the record; its key and value are the raw bytes from Kafka, either may be null
     * @return a stage that completes when the record is finished with
     */
    CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record);

    /**
     * Called on the poll thread before it hands the records of one poll to {@link #handle}, and followed by
     * {@link #pollHandedOver()} once it has, even if one failed: a handler may gather the work it hands to other
     * threads meanwhile, and hand it over in one go. Does nothing by default.
     */
    default void pollStarted() {}

    /** Called on the poll thread after the records of one poll were handed to {@link #handle}. */
    default void pollHandedOver() {}
}

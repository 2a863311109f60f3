package dev.chathooks.processor.runtime;

import dev.chathooks.processor.tables.TableChanges;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Tells {@link TableChanges} that a lookup table may have changed in every key whenever Kafka Streams restores it
 * from its topic: a restore writes to the store directly, not through the table's updater.
 */
final class TableRestoreListener implements StateRestoreListener {
    private final TableChanges changes;

    TableRestoreListener(TableChanges changes) {
        this.changes = changes;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        changes.changedAll(storeName);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        changes.changedAll(storeName);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        changes.changedAll(storeName);
    }
}

package dev.chathooks.processor.dispatch.consumer;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one assigned partition that were fetched and are not finished: which one of each key runs, which
 * wait behind it, and which offset is safe to commit. Called from the poll thread (add, close, committable offset)
 * and from completion threads (finish); every method holds this object's monitor, and none calls out while
 * holding it.
 */
final class PartitionWork {
    /** Records without a key are ordered among themselves, as if they shared one key. */
    private static final Object NO_KEY = new Object();

    private final TopicPartition partition;
    /** Per key, the record that runs (the head) and the ones waiting behind it, in offset order. */
    private final Map<Object, ArrayDeque<ConsumerRecord<byte[], byte[]>>> byKey = new HashMap<>();
    /** Offsets fetched and not finished: running, waiting, or dropped at close. The lowest one bounds the commit. */
    private final TreeSet<Long> unfinished = new TreeSet<>();
    /** The offset after the last record fetched; -1 before the first. */
    private long nextOffset = -1;

    private int running;
    private int waiting;
    private boolean closed;

    PartitionWork(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    /**
     * Takes a fetched record, in offset order.
     *
     * @return true if it must start now, false if it waits for an earlier record of its key (or the partition is
     *     closed, in which case it never starts and its offset is never committed)
     */
    synchronized boolean add(ConsumerRecord<byte[], byte[]> record) {
        unfinished.add(record.offset());
        nextOffset = record.offset() + 1;
        if (closed) {
            return false;
        }
        ArrayDeque<ConsumerRecord<byte[], byte[]>> queue =
                byKey.computeIfAbsent(keyOf(record), key -> new ArrayDeque<>());
        queue.addLast(record);
        if (queue.size() == 1) {
            running++;
            return true;
        }
        waiting++;
        return false;
    }

    /**
     * Marks a started record as finished.
     *
     * @return the next record of its key, which the caller must start now; null if none waits or the partition is
     *     closed
     */
    synchronized ConsumerRecord<byte[], byte[]> finish(ConsumerRecord<byte[], byte[]> record) {
        unfinished.remove(record.offset());
        running--;
        if (closed) {
            if (running == 0) {
                notifyAll();
            }
            return null;
        }
        Object key = keyOf(record);
        ArrayDeque<ConsumerRecord<byte[], byte[]>> queue = byKey.get(key);
        queue.removeFirst();
        ConsumerRecord<byte[], byte[]> next = queue.peekFirst();
        if (next == null) {
            byKey.remove(key);
            return null;
        }
        waiting--;
        running++;
        return next;
    }

    /**
     * Stops starting records: the waiting ones are dropped (their offsets stay unfinished, so no commit passes
     * them), the running ones may still finish.
     *
     * @return how many waiting records were dropped
     */
    synchronized int close() {
        closed = true;
        int dropped = waiting;
        waiting = 0;
        byKey.clear();
        return dropped;
    }

    /**
     * Waits until no record of this partition runs, or until {@code deadlineNanos} ({@link System#nanoTime()}).
     *
     * @return how many still run (0 if all finished)
     */
    synchronized int awaitIdle(long deadlineNanos) throws InterruptedException {
        while (running > 0) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return running;
    }

    /**
     * The offset to commit: that of the first unfinished record, or the one after the last record fetched when
     * all are finished; empty before the first record.
     */
    synchronized OptionalLong committableOffset() {
        if (nextOffset < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(unfinished.isEmpty() ? nextOffset : unfinished.first());
    }

    synchronized int running() {
        return running;
    }

    private static Object keyOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? NO_KEY : ByteBuffer.wrap(record.key());
    }
}

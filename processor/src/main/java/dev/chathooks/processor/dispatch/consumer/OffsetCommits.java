package dev.chathooks.processor.dispatch.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offset commits that never pass an unfinished record: for each partition, the offset of its first unfinished record
 * (see {@link PartitionWork#committableOffset()}), committed asynchronously every {@code commitInterval} while
 * consuming, and synchronously when partitions are handed back, at close and when repositioned. Everything but
 * {@link #committed()} runs on the poll thread; synchronous commits retry through wake-ups, which a completion may
 * send at any time.
 */
final class OffsetCommits {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommits.class);

    private final String name;
    private final Duration commitInterval;
    private final Duration closeTimeout;
    /** Per partition, the last offset committed by this consumer. */
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

    private long nextCommitNanos;

    OffsetCommits(String name, Duration commitInterval, Duration closeTimeout) {
        this.name = name;
        this.commitInterval = commitInterval;
        this.closeTimeout = closeTimeout;
    }

    /** Starts the interval: the first periodic commit is one interval away. */
    void startInterval() {
        nextCommitNanos = System.nanoTime() + commitInterval.toNanos();
    }

    /** How long the next poll may wait: at most {@code longest}, and not past the next periodic commit. */
    Duration pollTimeout(Duration longest) {
        long untilCommit = TimeUnit.NANOSECONDS.toMillis(nextCommitNanos - System.nanoTime());
        return Duration.ofMillis(Math.max(1, Math.min(untilCommit, longest.toMillis())));
    }

    /** Commits asynchronously what finished since the last commit, if the interval is over. */
    void commitIfDue(Consumer<byte[], byte[]> consumer, Collection<PartitionWork> works) {
        long now = System.nanoTime();
        if (now - nextCommitNanos < 0) {
            return;
        }
        nextCommitNanos = now + commitInterval.toNanos();
        Map<TopicPartition, OffsetAndMetadata> offsets = advancedOffsets(works);
        if (!offsets.isEmpty()) {
            // The offsets asked for, not the callback's argument: the consumer passes null there when a commit fails.
            consumer.commitAsync(offsets, (ignored, exception) -> onAsyncCommit(offsets, exception));
        }
    }

    /**
     * Commits and waits for what finished in {@code works}, within {@code closeTimeout}; a failure is logged, and the
     * records after the last commit are handled again by the next owner.
     */
    void commitFinished(Consumer<byte[], byte[]> consumer, Collection<PartitionWork> works) {
        Map<TopicPartition, OffsetAndMetadata> offsets = advancedOffsets(works);
        if (offsets.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        while (true) {
            try {
                consumer.commitSync(offsets, remaining(deadline));
                offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
                return;
            } catch (WakeupException e) {
                if (System.nanoTime() - deadline >= 0) {
                    LOG.warn(
                            "{}: could not commit {} in time; records after the last commit will be handled again",
                            name,
                            offsets);
                    return;
                }
            } catch (KafkaException e) {
                LOG.warn(
                        "{}: could not commit {} ({}); records after the last commit will be handled again",
                        name,
                        offsets,
                        e.toString());
                if (e instanceof InterruptException) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
    }

    /**
     * Commits and waits for offsets that may be lower than those committed before (a rewind), within
     * {@code closeTimeout}; periodic commits go on from them.
     *
     * @throws KafkaException if they could not be committed, for the one who asked to reposition
     */
    void commitRepositioned(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new LinkedHashMap<>();
        offsets.forEach((partition, offset) -> {
            commit.put(partition, new OffsetAndMetadata(offset));
            committed.put(partition, offset);
        });
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        while (true) {
            try {
                consumer.commitSync(commit, remaining(deadline));
                return;
            } catch (WakeupException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new KafkaException(
                            "could not commit " + commit + " within " + closeTimeout.toMillis() + " ms");
                }
            }
        }
    }

    /** Forgets what this consumer committed on a partition it is given: another member may have moved it since. */
    void forget(TopicPartition partition) {
        committed.remove(partition);
    }

    /** Per partition, the last offset committed by this consumer (the next record to handle). Any thread. */
    Map<TopicPartition, Long> committed() {
        return committed;
    }

    /** Runs on the poll thread, inside a later poll or commit. */
    private void onAsyncCommit(Map<TopicPartition, OffsetAndMetadata> offsets, Exception exception) {
        if (exception == null) {
            offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
        } else if (exception instanceof RebalanceInProgressException) {
            // The classic protocol refuses commits while the group rebalances: part of every rebalance.
            LOG.debug(
                    "{}: a periodic commit of {} came during a rebalance; the next one covers it",
                    name,
                    offsets.keySet());
        } else {
            LOG.warn(
                    "{}: a periodic commit of {} failed ({}); the next one covers it",
                    name,
                    offsets.keySet(),
                    exception.toString());
        }
    }

    /** For each partition whose first unfinished offset moved since the last commit, that offset. */
    private Map<TopicPartition, OffsetAndMetadata> advancedOffsets(Collection<PartitionWork> works) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (PartitionWork work : works) {
            OptionalLong offset = work.committableOffset();
            Long last = committed.get(work.partition());
            if (offset.isPresent() && (last == null || offset.getAsLong() > last)) {
                offsets.put(work.partition(), new OffsetAndMetadata(offset.getAsLong()));
            }
        }
        return offsets;
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(deadlineNanos - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(1)));
    }
}

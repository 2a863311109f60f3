package dev.chathooks.processor.dispatch.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this member owns, each with its {@link PartitionWork}, and how they are handed back: when revoked
 * (and at close) their waiting records are dropped, their running records get up to {@code closeTimeout} to finish,
 * and what finished is committed; the rest is handled again by the next owner. Lost partitions (the member was
 * fenced) are dropped without a commit. Its state belongs to the poll thread; {@link #assigned()} may be read from
 * any thread.
 */
final class PartitionHandOver {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionHandOver.class);

    private final String name;
    private final String topic;
    private final Duration closeTimeout;
    private final InFlightGate gate;
    private final OffsetCommits commits;
    private final Map<TopicPartition, PartitionWork> partitions = new HashMap<>();
    private volatile Set<TopicPartition> assigned = Set.of();
    /** Set at the first assignment, even an empty one: the member has joined its group. */
    private volatile boolean joined;

    PartitionHandOver(String name, String topic, Duration closeTimeout, InFlightGate gate, OffsetCommits commits) {
        this.name = name;
        this.topic = topic;
        this.closeTimeout = closeTimeout;
        this.gate = gate;
        this.commits = commits;
    }

    /** The listener to subscribe with: Kafka calls it on the poll thread, inside {@code poll}. */
    ConsumerRebalanceListener listener(Consumer<byte[], byte[]> consumer) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> added) {
                taken(consumer, added);
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                handBack(consumer, revoked, true);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> lost) {
                handBack(consumer, lost, false);
            }
        };
    }

    /** The work of a partition records were fetched from. */
    PartitionWork work(TopicPartition partition) {
        return partitions.computeIfAbsent(partition, PartitionWork::new);
    }

    /** The work of the partitions of {@code wanted} that this member owns. */
    List<PartitionWork> owned(Collection<TopicPartition> wanted) {
        List<PartitionWork> works = new ArrayList<>();
        for (TopicPartition partition : wanted) {
            PartitionWork work = partitions.get(partition);
            if (work != null) {
                works.add(work);
            }
        }
        return works;
    }

    /** The work of every partition owned. */
    Collection<PartitionWork> works() {
        return partitions.values();
    }

    /** Starts afresh on an owned partition whose work was stopped (a repositioning). */
    void restart(TopicPartition partition) {
        partitions.put(partition, new PartitionWork(partition));
    }

    /** Hands every partition back in order, committing what finished: at close. */
    void handBackAll(Consumer<byte[], byte[]> consumer) {
        List<PartitionWork> works = new ArrayList<>(partitions.values());
        partitions.clear();
        assigned = Set.of();
        handBackInOrder(consumer, works);
    }

    /**
     * Stops starting records of {@code works}: drops their waiting records and waits up to {@code closeTimeout} for
     * their running ones.
     *
     * @return how many still ran when the time was up
     */
    int stop(Collection<PartitionWork> works) {
        for (PartitionWork work : works) {
            gate.release(work.close());
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        int stillRunning = 0;
        try {
            for (PartitionWork work : works) {
                stillRunning += work.awaitIdle(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stillRunning;
    }

    /** Whether the member was given an assignment, maybe empty, since it started. Any thread. */
    boolean joined() {
        return joined;
    }

    /** The partitions owned now. Any thread. */
    Set<TopicPartition> assigned() {
        return assigned;
    }

    private void taken(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> added) {
        joined = true;
        if (added.isEmpty()) {
            return;
        }
        for (TopicPartition partition : added) {
            partitions.putIfAbsent(partition, new PartitionWork(partition));
            // Its offset may have been moved (a rewind) while another member owned it.
            commits.forget(partition);
        }
        if (gate.fetchingPaused()) {
            consumer.pause(added);
        }
        assigned = Set.copyOf(partitions.keySet());
        LOG.info("{}: assigned {}", name, describe(added));
    }

    private void handBack(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> taken, boolean commit) {
        List<PartitionWork> works = owned(taken);
        if (works.isEmpty()) {
            return;
        }
        works.forEach(work -> partitions.remove(work.partition()));
        assigned = Set.copyOf(partitions.keySet());
        LOG.info("{}: {} {}", name, commit ? "revoked" : "lost, without commit,", describe(taken));
        if (commit) {
            handBackInOrder(consumer, works);
        } else {
            works.forEach(work -> gate.release(work.close()));
        }
    }

    private void handBackInOrder(Consumer<byte[], byte[]> consumer, List<PartitionWork> works) {
        int stillRunning = stop(works);
        if (stillRunning > 0) {
            LOG.warn(
                    "{}: {} records were still being handled after {} ms; they will be handled again by the next "
                            + "owner of their partitions",
                    name,
                    stillRunning,
                    closeTimeout.toMillis());
        }
        commits.commitFinished(consumer, works);
    }

    private String describe(Collection<TopicPartition> changed) {
        Set<Integer> numbers = new TreeSet<>();
        changed.forEach(partition -> numbers.add(partition.partition()));
        return topic + " partitions " + numbers;
    }
}

package dev.chathooks.processor.dispatch.consumer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repositionings (rewinds) asked for by any thread and run by the poll thread between polls: like a revocation, the
 * partitions' waiting records are dropped and their running ones get up to {@code closeTimeout} to finish, so that a
 * record never runs while an earlier record of its key re-runs; then the consumer seeks and commits the new offsets.
 */
final class Repositionings {
    private static final Logger LOG = LoggerFactory.getLogger(Repositionings.class);

    private final String name;
    private final String topic;
    private final Duration closeTimeout;
    private final PartitionHandOver partitions;
    private final OffsetCommits commits;
    private final Queue<Request> pending = new ConcurrentLinkedQueue<>();

    Repositionings(
            String name, String topic, Duration closeTimeout, PartitionHandOver partitions, OffsetCommits commits) {
        this.name = name;
        this.topic = topic;
        this.closeTimeout = closeTimeout;
        this.partitions = partitions;
        this.commits = commits;
    }

    /** Queues a repositioning for the poll thread; the caller wakes it. */
    CompletionStage<Map<TopicPartition, Long>> ask(Map<TopicPartition, Long> offsets) {
        Request request = new Request(Map.copyOf(offsets));
        pending.add(request);
        return request.done;
    }

    /** Runs the repositionings asked for since the last call. Poll thread. */
    void runPending(Consumer<byte[], byte[]> consumer) {
        for (Request next = pending.poll(); next != null; next = pending.poll()) {
            try {
                next.done.complete(reposition(consumer, next.offsets));
            } catch (RuntimeException e) {
                next.done.completeExceptionally(e);
            }
        }
    }

    /** Fails the repositionings still queued: the consumer stopped first. */
    void failPending(String reason) {
        for (Request left = pending.poll(); left != null; left = pending.poll()) {
            left.done.completeExceptionally(new IllegalStateException(reason));
        }
    }

    private Map<TopicPartition, Long> reposition(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> offsets) {
        List<PartitionWork> works = partitions.owned(offsets.keySet());
        Map<TopicPartition, Long> owned = new LinkedHashMap<>();
        works.forEach(work -> owned.put(work.partition(), offsets.get(work.partition())));
        if (owned.isEmpty()) {
            return owned;
        }
        int stillRunning = partitions.stop(works);
        if (stillRunning > 0) {
            LOG.warn(
                    "{}: {} records were still being handled after {} ms; repositioning all the same",
                    name,
                    stillRunning,
                    closeTimeout.toMillis());
        }
        owned.forEach((partition, offset) -> {
            consumer.seek(partition, offset);
            partitions.restart(partition);
        });
        LOG.info("{}: repositioned {} at {}", name, topic, owned);
        commits.commitRepositioned(consumer, owned);
        return owned;
    }

    /** A call of {@link KeyOrderedConsumer#reposition} waiting for the poll thread. */
    private record Request(Map<TopicPartition, Long> offsets, CompletableFuture<Map<TopicPartition, Long>> done) {
        Request(Map<TopicPartition, Long> offsets) {
            this(offsets, new CompletableFuture<>());
        }
    }
}

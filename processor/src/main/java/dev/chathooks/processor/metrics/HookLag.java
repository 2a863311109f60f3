package dev.chathooks.processor.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code chathooks_hook_lag_records{hook}}: records of the invocations topic on the partitions this instance's
 * consumer of the hook owns, not finished by the hook yet: the partitions' ends (committed transactions only, as
 * the consumer reads them) minus the group's committed offsets, which the consumer moves only past finished
 * records. A stuck hook commits nothing, so its lag grows with every invocation written. Summed over the
 * instances of a deployment, it is the group's lag.
 *
 * <p>Read from the cluster when scraped, at most once a second (scrapes are seconds apart; a burst of them asks
 * once), each request bounded; unknown (NaN) when the cluster does not answer, and then not asked again for ten
 * seconds, so that scrapes stay quick while the cluster is away.
 */
final class HookLag {
    private static final Logger LOG = LoggerFactory.getLogger(HookLag.class);
    private static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** After the cluster did not answer, scrapes answer NaN at once for this long rather than wait again. */
    private static final long UNANSWERED_AGE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final String group;
    private final Supplier<Set<TopicPartition>> owned;
    private long readAtNanos;
    private double last = Double.NaN;

    /**
     * @param admin asks the cluster (shared; thread-safe)
     * @param group the hook's consumer group
     * @param owned the partitions the hook's consumer owns now
     */
    HookLag(Admin admin, String group, Supplier<Set<TopicPartition>> owned) {
        this.admin = admin;
        this.group = group;
        this.owned = owned;
    }

    synchronized double records() {
        long now = System.nanoTime();
        long maxAge = Double.isNaN(last) ? UNANSWERED_AGE_NANOS : MAX_AGE_NANOS;
        if (readAtNanos != 0 && now - readAtNanos < maxAge) {
            return last;
        }
        try {
            last = read(owned.get());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Could not read the lag of group {}: {}", group, e.toString());
            last = Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = Double.NaN;
        }
        readAtNanos = System.nanoTime();
        return last;
    }

    private double read(Set<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        // A partition the group never committed on is read from its start (auto.offset.reset=earliest).
        Set<TopicPartition> neverCommitted = new HashSet<>();
        for (TopicPartition partition : partitions) {
            if (committed.get(partition) == null) {
                neverCommitted.add(partition);
            }
        }
        Map<TopicPartition, Long> starts =
                neverCommitted.isEmpty() ? Map.of() : offsets(neverCommitted, OffsetSpec.earliest());
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            long from = done != null ? done.offset() : starts.getOrDefault(partition, 0L);
            lag += Math.max(0, ends.getOrDefault(partition, from) - from);
        }
        return lag;
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(
                        request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}

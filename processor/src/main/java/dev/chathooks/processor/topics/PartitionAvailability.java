package dev.chathooks.processor.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the partitions an instance needs (its {@link TopicPlan}'s topics and Kafka Streams' internal ones) for
 * unavailable ones: partitions without a leader (their broker is down and held no other in-sync replica:
 * replication factor 1, or every replica lost), from which nothing is read and to which nothing is written, and
 * partitions with fewer in-sync replicas than their {@code min.insync.replicas}, which refuse every write with
 * {@code acks=all} (Chat Hooks' producers and Kafka Streams'). Besides the topics, the partitions of Kafka's
 * {@code __consumer_offsets} that hold the instance's consumer groups are watched: without them the groups have no
 * coordinator, and neither Kafka Streams nor the hooks' consumers can commit or rebalance. Either lasts until the
 * brokers come back, and no restart of Chat Hooks changes that.
 *
 * <p>Asks the cluster every {@link #POLL} on a thread of its own (three metadata requests), never when health or
 * metrics are read, so that probes and scrapes stay quick and the cluster sees a bounded rate whatever their number.
 */
public final class PartitionAvailability implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionAvailability.class);
    static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Partitions named in a readiness answer; more are counted. */
    private static final int NAMED_AT_MOST = 20;

    static final String NO_LEADER = "no leader";
    static final String TOO_FEW_IN_SYNC = "fewer in-sync replicas than min.insync.replicas (writes refused)";

    private final Admin admin;
    private final TopicPlan plan;
    private final Set<String> groups;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-hooks-partition-watch");
        thread.setDaemon(true);
        return thread;
    });
    /** Each partition unavailable at the last answer, with when it was first seen so (System.nanoTime). */
    private Map<TopicPartition, Long> unavailableSince = Map.of();
    /** Why each of those is unavailable. */
    private Map<TopicPartition, String> why = Map.of();
    /** When the cluster stopped answering (System.nanoTime), or 0 while it answers. */
    private long unansweredSince;

    private boolean answered;

    private PartitionAvailability(Admin admin, TopicPlan plan, Collection<String> groups) {
        this.admin = admin;
        this.plan = plan;
        this.groups = Set.copyOf(groups);
    }

    /**
     * Starts watching.
     *
     * @param admin asks the cluster (shared, thread-safe; stays the caller's to close, after this)
     * @param plan the topics of this instance
     * @param groups the consumer groups of this instance (the topology's and the hooks')
     */
    public static PartitionAvailability watch(Admin admin, TopicPlan plan, Collection<String> groups) {
        PartitionAvailability watch = new PartitionAvailability(admin, plan, groups);
        watch.poller.scheduleWithFixedDelay(watch::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Partitions unavailable at the last answer; NaN before the first answer or while the cluster is silent. */
    public synchronized double unavailablePartitions() {
        return answered && unansweredSince == 0 ? unavailableSince.size() : Double.NaN;
    }

    /**
     * Why the instance cannot make progress, one sentence per cause: partitions without a leader for longer than
     * {@code grace}, or a cluster that has not answered for that long. Empty when neither.
     */
    public synchronized List<String> problems(Duration grace) {
        long now = System.nanoTime();
        List<String> problems = new ArrayList<>();
        if (unansweredSince != 0 && now - unansweredSince > grace.toNanos()) {
            problems.add("the cluster has not described the topics for " + seconds(now - unansweredSince)
                    + " s (management.unavailable-grace " + grace.toSeconds() + " s)");
        }
        Map<String, Set<String>> overdueByWhy = new TreeMap<>();
        unavailableSince.forEach((partition, since) -> {
            if (now - since > grace.toNanos()) {
                overdueByWhy
                        .computeIfAbsent(why.get(partition), reason -> new TreeSet<>())
                        .add(partition.toString());
            }
        });
        overdueByWhy.forEach((reason, partitions) -> problems.add(partitions.size() + " partition(s) have had "
                + reason + " for more than " + grace.toSeconds() + " s (management.unavailable-grace): "
                + partitions.stream().limit(NAMED_AT_MOST).collect(Collectors.joining(", "))
                + (partitions.size() > NAMED_AT_MOST ? " and " + (partitions.size() - NAMED_AT_MOST) + " more" : "")
                + "; their brokers are down. Records keyed to them wait until they are back"));
        return problems;
    }

    private void poll() {
        try {
            Set<String> existing = ReplicationCheck.topicNames(admin, REQUEST_TIMEOUT, true);
            Set<String> needed = plan.needed(existing);
            if (existing.contains(Topic.GROUP_METADATA_TOPIC_NAME)) {
                needed.add(Topic.GROUP_METADATA_TOPIC_NAME);
            }
            needed.retainAll(existing);
            Map<String, TopicDescription> described = new HashMap<>();
            if (!needed.isEmpty()) {
                described.putAll(admin.describeTopics(
                                needed, new DescribeTopicsOptions().timeoutMs((int) REQUEST_TIMEOUT.toMillis()))
                        .allTopicNames()
                        .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            described.computeIfPresent(Topic.GROUP_METADATA_TOPIC_NAME, (topic, offsets) -> coordinatorsOf(offsets));
            record(unavailable(described, ReplicationCheck.minInsync(admin, needed, REQUEST_TIMEOUT)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Could not describe the topics for their partitions' leaders: {}", e.toString());
            synchronized (this) {
                if (unansweredSince == 0) {
                    unansweredSince = System.nanoTime();
                }
            }
        }
    }

    /**
     * The unavailable partitions of {@code described}, each with why: no leader, or fewer in-sync replicas than
     * the topic's {@code min.insync.replicas} ({@code minInsync}, 1 when unknown).
     */
    static Map<TopicPartition, String> unavailable(
            Map<String, TopicDescription> described, Map<String, Integer> minInsync) {
        Map<TopicPartition, String> unavailable = new HashMap<>();
        described.forEach((topic, description) -> description.partitions().forEach(partition -> {
            TopicPartition id = new TopicPartition(topic, partition.partition());
            if (partition.leader() == null || partition.leader().isEmpty()) {
                unavailable.put(id, NO_LEADER);
            } else if (partition.isr().size() < minInsync.getOrDefault(topic, 1)) {
                unavailable.put(id, TOO_FEW_IN_SYNC);
            }
        }));
        return unavailable;
    }

    /** The partitions of {@code offsets} ({@code __consumer_offsets}) that hold this instance's groups. */
    TopicDescription coordinatorsOf(TopicDescription offsets) {
        Set<Integer> held = coordinatorPartitions(groups, offsets.partitions().size());
        return new TopicDescription(
                offsets.name(),
                offsets.isInternal(),
                offsets.partitions().stream()
                        .filter(partition -> held.contains(partition.partition()))
                        .toList());
    }

    /** The partition of {@code __consumer_offsets} (of {@code partitions}) that each group's coordinator owns. */
    static Set<Integer> coordinatorPartitions(Collection<String> groups, int partitions) {
        // Kafka's GroupCoordinator#partitionFor.
        return groups.stream()
                .map(group -> Utils.abs(group.hashCode()) % partitions)
                .collect(Collectors.toSet());
    }

    private synchronized void record(Map<TopicPartition, String> unavailable) {
        long now = System.nanoTime();
        Map<TopicPartition, Long> since = new HashMap<>();
        unavailable.forEach((partition, reason) ->
                since.put(partition, reason.equals(why.get(partition)) ? unavailableSince.get(partition) : now));
        if (since.size() != unavailableSince.size()) {
            LOG.info("Unavailable partitions: {} (were {})", since.size(), unavailableSince.size());
        }
        unavailableSince = since;
        why = Map.copyOf(unavailable);
        unansweredSince = 0;
        answered = true;
    }

    private static String seconds(long nanos) {
        return Long.toString(TimeUnit.NANOSECONDS.toSeconds(nanos));
    }

    /** Stops watching. */
    @Override
    public void close() {
        poller.shutdownNow();
    }
}

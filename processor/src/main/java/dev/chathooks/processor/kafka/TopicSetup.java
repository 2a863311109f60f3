package dev.chathooks.processor.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a process needs and waits until they can take records.
 *
 * <p>{@link #ensureTopics} creates each missing topic as its {@link TopicSpec} says and leaves existing topics as
 * they are (their partition count and configs are the operator's), then waits until every partition of every
 * topic has a leader that serves it. The wait matters: Kafka 4.4 can silently lose records produced to a new
 * partition before its leader serves it (KAFKA-15591: an idempotent producer's first request fails, a later one
 * is appended, and the first is retried until it expires). A leader in the metadata is not enough, as the broker
 * may apply the metadata a moment later; so the wait ends with a ListOffsets request to every partition, which
 * only the serving leader answers.
 *
 * <p>Every call is bounded by the timeout given at construction. The {@link Admin} stays the caller's to close.
 */
public final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(25);

    private final Admin admin;
    private final Duration timeout;

    /**
     * @param admin the client to use; it stays the caller's to close
     * @param timeout how long each call may take in all before it fails
     */
    public TopicSetup(Admin admin, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin is null");
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The topic set-up timeout must be positive, not " + timeout);
        }
    }

    /**
     * Creates the topics that do not exist yet, then waits until every partition of every topic in
     * {@code topics} has a leader that serves it.
     *
     * @return the names of the topics this call created (the others existed)
     * @throws TopicSetupException if a topic cannot be created (the message says why: not authorised, too few
     *     brokers for the replication factor, a bad config) or the partitions have no leader within the timeout
     */
    public Set<String> ensureTopics(Collection<TopicSpec> topics) {
        Deadline deadline = Deadline.after(timeout);
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        for (TopicSpec topic : topics) {
            TopicSpec previous = byName.put(topic.name(), topic);
            if (previous != null && !previous.equals(topic)) {
                throw new IllegalArgumentException(
                        "Topic " + topic.name() + " is asked for twice, differently: " + previous + " and " + topic);
            }
        }
        Set<String> created = create(byName.values(), deadline);
        awaitLeaders(byName.keySet(), deadline);
        return created;
    }

    /**
     * Waits until every partition of each topic in {@code topicNames} has a leader that serves it.
     *
     * @throws TopicSetupException if one does not exist or has a partition without leader when the timeout ends
     */
    public void awaitLeaders(Collection<String> topicNames) {
        awaitLeaders(Set.copyOf(topicNames), Deadline.after(timeout));
    }

    private Set<String> create(Collection<TopicSpec> wanted, Deadline deadline) {
        // Only the missing ones: a client may lack the right to create a topic that exists already.
        Set<String> existing = TopicDescriptions.listNames(admin, deadline);
        List<TopicSpec> topics = wanted.stream()
                .filter(topic -> !existing.contains(topic.name()))
                .toList();
        if (topics.isEmpty()) {
            return Set.of();
        }
        List<NewTopic> newTopics = topics.stream().map(TopicSpec::newTopic).toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(
                        newTopics, new CreateTopicsOptions().timeoutMs(deadline.remainingMillis()))
                .values();
        Set<String> created = new TreeSet<>();
        for (TopicSpec topic : topics) {
            try {
                results.get(topic.name()).get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
                created.add(topic.name());
                LOG.info(
                        "Created topic {} ({} partitions{})",
                        topic.name(),
                        topic.partitions() == TopicSpec.BROKER_DEFAULT ? "default" : topic.partitions(),
                        topic.configs().isEmpty() ? "" : ", " + topic.configs());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw creationFailed(topic, e.getCause());
                }
                LOG.debug("Topic {} exists already", topic.name());
            } catch (TimeoutException e) {
                throw new TopicSetupException(
                        "Kafka did not confirm the creation of topic " + topic.name() + " within " + timeout.toSeconds()
                                + " s. Check that the cluster is reachable and healthy.",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicSetupException("Interrupted while creating topic " + topic.name(), e);
            }
        }
        return created;
    }

    private static TopicSetupException creationFailed(TopicSpec topic, Throwable cause) {
        String advice;
        if (cause instanceof TopicAuthorizationException) {
            advice = "this client may not create it. Create it yourself, or grant this client CREATE on it.";
        } else if (cause instanceof InvalidReplicationFactorException) {
            advice = "the cluster has fewer brokers than its replication factor (" + topic.replicationFactor()
                    + "). Lower the replication factor or add brokers.";
        } else {
            advice = cause.getMessage();
        }
        return new TopicSetupException("Cannot create topic " + topic.name() + ": " + advice, cause);
    }

    private void awaitLeaders(Set<String> topicNames, Deadline deadline) {
        Set<String> waitingFor = new TreeSet<>(topicNames);
        Map<String, String> notReady = Map.of();
        List<TopicPartition> led = new ArrayList<>();
        while (true) {
            Map<String, Optional<TopicDescription>> described;
            try {
                described = TopicDescriptions.describe(admin, waitingFor, deadline);
            } catch (TopicSetupException e) {
                // Out of time while asking again: what was seen last is the better answer. Each ask is given the
                // time left, so one that runs out of time has spent the budget, even when its clock ends it a moment
                // before this one says the deadline has passed.
                if (notReady.isEmpty() || !(deadline.passed() || TopicDescriptions.ranOutOfTime(e))) {
                    throw e;
                }
                throw notReady(notReady, e);
            }
            notReady = new LinkedHashMap<>();
            for (Map.Entry<String, Optional<TopicDescription>> entry : described.entrySet()) {
                String problem = readinessProblem(entry.getValue());
                if (problem != null) {
                    notReady.put(entry.getKey(), problem);
                } else {
                    entry.getValue()
                            .get()
                            .partitions()
                            .forEach(partition -> led.add(new TopicPartition(entry.getKey(), partition.partition())));
                }
            }
            waitingFor.retainAll(notReady.keySet());
            if (waitingFor.isEmpty()) {
                awaitServing(led, deadline);
                return;
            }
            deadline.sleep(RETRY_PAUSE);
            if (deadline.passed()) {
                throw notReady(notReady, null);
            }
        }
    }

    /**
     * Returns once the leader of each partition answers for it; the Admin client retries until then. On a cluster
     * of several brokers, the one asked for metadata may not know a topic just created yet (a broker restarted a
     * moment ago still catches up), which the Admin client does not retry: that is asked again until the deadline.
     */
    private void awaitServing(List<TopicPartition> partitions, Deadline deadline) {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        try {
            while (true) {
                try {
                    admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(deadline.remainingMillis()))
                            .all()
                            .get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || deadline.passed()) {
                        throw e;
                    }
                    deadline.sleep(RETRY_PAUSE);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new TopicSetupException(
                    "The partitions of "
                            + partitions.stream()
                                    .map(TopicPartition::topic)
                                    .distinct()
                                    .collect(Collectors.joining(", "))
                            + " have leaders, but they do not serve them after "
                            + timeout.toSeconds() + " s (" + cause.getMessage()
                            + "). Check that the brokers are healthy.",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("Interrupted while waiting for the topics' leaders", e);
        }
    }

    /** Why a topic cannot take records yet, or null if it can. */
    private static String readinessProblem(Optional<TopicDescription> description) {
        if (description.isEmpty()) {
            return "does not exist";
        }
        String leaderless = description.get().partitions().stream()
                .filter(partition ->
                        partition.leader() == null || partition.leader().isEmpty())
                .map(partition -> Integer.toString(partition.partition()))
                .collect(Collectors.joining(", "));
        return leaderless.isEmpty() ? null : "partitions " + leaderless + " have no leader";
    }

    private TopicSetupException notReady(Map<String, String> problems, Throwable cause) {
        return new TopicSetupException(
                "These topics are not ready to take records after " + timeout.toSeconds()
                        + " s: "
                        + problems.entrySet().stream()
                                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                                .collect(Collectors.joining("; "))
                        + ". Check that the brokers holding them are up.",
                cause);
    }
}

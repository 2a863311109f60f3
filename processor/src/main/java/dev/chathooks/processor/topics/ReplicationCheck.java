package dev.chathooks.processor.topics;

import dev.chathooks.processor.kafka.TopicSetupException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Finds the existing topics replicated less than wanted: fewer replicas of some partition than the replication
 * factor, or a lower {@code min.insync.replicas}. Each finding names the topic and the Kafka command that fixes it,
 * since Chat Hooks leaves existing topics as they are (they may be the operator's, or the chat server's).
 */
final class ReplicationCheck {
    private ReplicationCheck() {}

    /**
     * One sentence per topic of {@code topics} replicated less than {@code wanted}; empty when none is.
     *
     * @param bootstrapServers for the commands the sentences give
     * @throws TopicSetupException if Kafka does not describe the topics within {@code timeout}
     */
    static List<String> findings(
            Admin admin, Collection<String> topics, Replication wanted, String bootstrapServers, Duration timeout) {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = await(
                admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
                        .allTopicNames(),
                timeout);
        Map<String, Integer> minInsyncs = minInsync(admin, topics, timeout);
        List<String> findings = new ArrayList<>();
        for (String topic : topics) {
            int replicas = descriptions.get(topic).partitions().stream()
                    .mapToInt(partition -> partition.replicas().size())
                    .min()
                    .orElse(wanted.factor());
            if (replicas < wanted.factor()) {
                findings.add("Topic " + topic + " has " + replicas + " replica(s) per partition, fewer than the "
                        + wanted.factor() + " wanted (topics.replication-factor): losing a broker loses records. "
                        + "Raise it with kafka-reassign-partitions.sh --bootstrap-server " + bootstrapServers
                        + " --execute --reassignment-json-file <file>, the file listing " + wanted.factor()
                        + " brokers in each partition's \"replicas\".");
            }
            int minInsync = minInsyncs.getOrDefault(topic, 1);
            if (minInsync < wanted.minInsyncReplicas()) {
                findings.add("Topic " + topic + " has min.insync.replicas=" + minInsync + ", lower than the "
                        + wanted.minInsyncReplicas() + " wanted (topics.min-insync-replicas): a write may count as "
                        + "done on fewer copies. Raise it with kafka-configs.sh --bootstrap-server "
                        + bootstrapServers + " --alter --entity-type topics --entity-name " + topic
                        + " --add-config min.insync.replicas=" + wanted.minInsyncReplicas() + ".");
            }
        }
        return findings;
    }

    /** The names of the cluster's topics (internal ones left out). */
    static Set<String> topicNames(Admin admin, Duration timeout) {
        return topicNames(admin, timeout, false);
    }

    /** The names of the cluster's topics, Kafka's internal ones ({@code __consumer_offsets}, ...) if asked. */
    static Set<String> topicNames(Admin admin, Duration timeout, boolean internal) {
        return await(
                admin.listTopics(new ListTopicsOptions().listInternal(internal).timeoutMs((int) timeout.toMillis()))
                        .names(),
                timeout);
    }

    /** Each topic's {@code min.insync.replicas}, as the cluster applies it. */
    static Map<String, Integer> minInsync(Admin admin, Collection<String> topics, Duration timeout) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .toList();
        return await(
                        admin.describeConfigs(
                                        resources, new DescribeConfigsOptions().timeoutMs((int) timeout.toMillis()))
                                .all(),
                        timeout)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(entry -> entry.getKey().name(), entry -> minInsync(entry.getValue())));
    }

    private static int minInsync(Config config) {
        ConfigEntry entry = config == null ? null : config.get(Replication.MIN_INSYNC_REPLICAS);
        if (entry == null || entry.value() == null) {
            return 1; // Kafka's default
        }
        return Integer.parseInt(entry.value().trim());
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new TopicSetupException(
                    "Could not check the replication of the topics: " + cause.getMessage()
                            + ". Check that the cluster is reachable and that this client may describe the topics and "
                            + "their configs.",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("Interrupted while checking the replication of the topics", e);
        }
    }
}

package dev.chathooks.cli.reliability;

import dev.chathooks.testsupport.StandaloneKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * What a test that kills brokers needs to explain a failure afterwards: how the cluster saw a topic's partitions,
 * and the brokers' own logs, kept after the cluster's directory is deleted; and the replication of the topics an
 * application created.
 */
final class ClusterView {
    private ClusterView() {}

    /** The broker leading partition 0 of {@code topic}. */
    static int leaderOfFirstPartition(Admin admin, String topic) throws Exception {
        return describe(admin, topic).partitions().get(0).leader().id();
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic);
    }

    /** Each topic whose name starts with the application's, and its replication. */
    static Map<String, String> replicationOf(Admin admin, String app) throws Exception {
        List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(app))
                .sorted()
                .toList();
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                        .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                        .toList())
                .all()
                .get(30, TimeUnit.SECONDS);
        Map<String, String> replication = new TreeMap<>();
        for (String topic : topics) {
            String factors = descriptions.get(topic).partitions().stream()
                    .map(partition -> Integer.toString(partition.replicas().size()))
                    .distinct()
                    .collect(Collectors.joining("/"));
            String minInsync = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                    .get("min.insync.replicas")
                    .value();
            replication.put(topic, "replication factor " + factors + ", min.insync.replicas " + minInsync);
        }
        return replication;
    }

    /**
     * Each partition of {@code topic} with its leader, in-sync replicas, eligible leader replicas and replicas, by
     * broker id ({@code none} for no leader), or why it could not be described.
     */
    static String partitions(Admin admin, String topic) {
        try {
            return describe(admin, topic).partitions().stream()
                    .map(ClusterView::describe)
                    .collect(Collectors.joining(", "));
        } catch (Exception e) {
            return "not described (" + e + ")";
        }
    }

    private static String describe(TopicPartitionInfo partition) {
        Node leader = partition.leader();
        return partition.partition() + " leader " + (leader == null || leader.isEmpty() ? "none" : leader.id())
                + " isr " + ids(partition.isr()) + " elr " + ids(partition.elr()) + " replicas "
                + ids(partition.replicas());
    }

    private static String ids(List<Node> nodes) {
        return nodes == null
                ? "?"
                : nodes.stream()
                        .map(node -> Integer.toString(node.id()))
                        .toList()
                        .toString();
    }

    /** Copies each broker's output to {@code target/reliability-logs/<prefix>-node-<i>.log}. */
    static void keepLogs(StandaloneKafka cluster, String prefix) {
        for (int i = 0; i < cluster.size(); i++) {
            Path kept = Path.of("target", "reliability-logs", prefix + "-node-" + i + ".log");
            try {
                Files.createDirectories(kept.getParent());
                Files.copy(cluster.log(i), kept, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                System.out.println("broker " + i + "'s log not kept in " + kept + ": " + e);
            }
        }
    }
}

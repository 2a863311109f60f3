package dev.chathooks.processor.topics;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.kafka.TopicSetupException;
import dev.chathooks.processor.kafka.TopicSpec;
import dev.chathooks.processor.topology.StreamsProperties;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the topics Chat Hooks creates are replicated: the replication factor and {@code min.insync.replicas}
 * configured ({@code topics.replication-factor}, {@code topics.min-insync-replicas}), lowered to what the cluster
 * can hold. With the defaults (3 and 2) and producers' {@code acks=all}, a record counts as written once two
 * brokers have it: one broker can be lost, with its disk, and nothing written is lost nor does any partition stop.
 *
 * @param factor replicas per partition
 * @param minInsyncReplicas replicas that must have a record before a write with {@code acks=all} succeeds
 */
public record Replication(short factor, int minInsyncReplicas) {
    private static final Logger LOG = LoggerFactory.getLogger(Replication.class);
    /** The embedded broker's: one broker, one copy. */
    public static final Replication SINGLE = new Replication((short) 1, 1);

    static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    public Replication {
        if (factor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > factor) {
            throw new IllegalArgumentException("Replication factor " + factor + " with min.insync.replicas "
                    + minInsyncReplicas + " cannot take writes");
        }
    }

    /**
     * The configured replication, lowered to the number of brokers of the cluster {@code admin} reaches (with a
     * WARN); {@link #SINGLE} without asking when {@code bootstrap.servers} is unset (the embedded broker).
     *
     * @throws TopicSetupException if the cluster does not say how many brokers it has within {@code timeout}
     */
    public static Replication forCluster(Admin admin, ChatHooksConfig config, Duration timeout) {
        if (config.bootstrapServers().isEmpty()) {
            return SINGLE;
        }
        Replication configured = new Replication((short) config.replicationFactor(), config.minInsyncReplicas());
        Replication capped = configured.cappedTo(brokers(admin, timeout));
        if (!capped.equals(configured)) {
            LOG.warn(
                    "The cluster has {} brokers, fewer than topics.replication-factor={}: the topics created get "
                            + "replication factor {} and min.insync.replicas {}, so {}. Use a cluster of at least {} "
                            + "brokers in production.",
                    capped.factor,
                    configured.factor,
                    capped.factor,
                    capped.minInsyncReplicas,
                    capped.factor == 1
                            ? "losing a broker loses its partitions' records"
                            : "fewer broker losses are survived",
                    configured.factor);
        }
        return capped;
    }

    /**
     * This replication on a cluster of {@code brokers}: the factor at most that, and then the minimum in sync at
     * most one less than the factor (or 1), so that losing one of the few brokers still lets writes through.
     */
    Replication cappedTo(int brokers) {
        if (brokers >= factor) {
            return this;
        }
        short lowered = (short) Math.max(1, brokers);
        return new Replication(lowered, Math.min(minInsyncReplicas, Math.max(1, lowered - 1)));
    }

    /** {@code spec} with this factor (unless it has one) and {@code min.insync.replicas} (unless it sets one). */
    public TopicSpec apply(TopicSpec spec) {
        TopicSpec replicated =
                spec.replicationFactor() == TopicSpec.BROKER_DEFAULT ? spec.withReplicationFactor(factor) : spec;
        return replicated.configs().containsKey(MIN_INSYNC_REPLICAS)
                ? replicated
                : replicated.withConfig(MIN_INSYNC_REPLICAS, Integer.toString(minInsyncReplicas));
    }

    /**
     * Sets Kafka Streams' internal topics (changelogs, repartition topics) to this, and its producer to
     * {@code acks=all} (Kafka's default, said here since {@code min.insync.replicas} means nothing without it),
     * unless the user set them.
     */
    public void applyTo(Properties streamsProperties) {
        streamsProperties.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(factor));
        streamsProperties.putIfAbsent(
                StreamsConfig.topicPrefix(MIN_INSYNC_REPLICAS), Integer.toString(minInsyncReplicas));
        StreamsProperties.putUnlessSet(
                streamsProperties,
                "all",
                StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG),
                ProducerConfig.ACKS_CONFIG);
    }

    private static int brokers(Admin admin, Duration timeout) {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicSetupException(
                    "Kafka did not say how many brokers it has within " + timeout.toSeconds()
                            + " s. Check that the cluster is reachable at the bootstrap servers given, and healthy.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("Interrupted while asking Kafka for its brokers", e);
        }
    }
}

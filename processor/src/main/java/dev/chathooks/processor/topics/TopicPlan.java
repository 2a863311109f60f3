package dev.chathooks.processor.topics;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.kafka.CoPartitioningCheck;
import dev.chathooks.processor.kafka.TopicSetup;
import dev.chathooks.processor.kafka.TopicSetupException;
import dev.chathooks.processor.kafka.TopicSpec;
import dev.chathooks.processor.rewind.ControlTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every topic a Chat Hooks run uses, each with how it is made: the conversation-keyed input topics (which must be
 * co-partitioned), the users' topic and the other lookup tables' topics (compacted), the dead letters, the
 * invocations, the control topic, and the topics hooks write to. All but the control topic have the configured
 * partition count ({@code topics.partitions}); all are created replicated as {@link Replication} says. The runtime
 * creates the missing ones at start, and the bench prepares the same ones before it measures.
 *
 * <p>Immutable: each {@code with...} returns a new plan. A topic named twice keeps its first spec.
 */
public final class TopicPlan {
    private static final Logger LOG = LoggerFactory.getLogger(TopicPlan.class);
    private final ChatHooksConfig config;
    private final Map<String, TopicSpec> specs;

    private TopicPlan(ChatHooksConfig config, Map<String, TopicSpec> specs) {
        this.config = config;
        this.specs = specs;
    }

    /** The topics of every run, whatever its hooks: input, users, dead letters, invocations and control. */
    public static TopicPlan of(ChatHooksConfig config) {
        Objects.requireNonNull(config, "config is null");
        ChatHooksConfig.Topics topics = config.topics();
        int partitions = config.topicPartitions();
        List<TopicSpec> specs = new ArrayList<>();
        for (String topic : topics.conversationKeyed()) {
            specs.add(TopicSpec.of(topic, partitions));
        }
        specs.add(TopicSpec.of(topics.users(), partitions).compacted());
        specs.add(TopicSpec.of(topics.deadLetters(), partitions));
        specs.add(TopicSpec.of(topics.invocations(), partitions));
        specs.add(ControlTopic.spec(config));
        return new TopicPlan(config, new LinkedHashMap<>()).with(specs);
    }

    /**
     * The chat server's topics as the processor creates them, for the tools that write to them before it runs
     * ({@code load}, {@code simulate}): the conversation-keyed topics, and the users' and devices' topics compacted.
     */
    public static List<TopicSpec> chatServerTopics(ChatHooksConfig config) {
        ChatHooksConfig.Topics topics = config.topics();
        List<TopicSpec> specs = new ArrayList<>();
        for (String topic : topics.conversationKeyed()) {
            specs.add(chatServerTopic(config, topic));
        }
        specs.add(chatServerTopic(config, topics.users()));
        specs.add(chatServerTopic(config, topics.devices()));
        return specs;
    }

    /**
     * How the processor creates {@code topic}, a topic the chat server writes: with the configured partitions, and
     * compacted if it is the users' or the devices' topic (records keyed by user, the latest one kept).
     */
    public static TopicSpec chatServerTopic(ChatHooksConfig config, String topic) {
        TopicSpec spec = TopicSpec.of(topic, config.topicPartitions());
        boolean table = topic.equals(config.topics().users())
                || topic.equals(config.topics().devices());
        return table ? spec.compacted() : spec;
    }

    /** This plan and the topics of lookup tables that hooks asked for (such as the devices): compacted. */
    public TopicPlan withLookupTables(Collection<String> topics) {
        return with(topics.stream()
                .map(topic -> TopicSpec.of(topic, config.topicPartitions()).compacted())
                .toList());
    }

    /** This plan and topics that hooks (or a benchmark) write to: plain ones. */
    public TopicPlan withOutputTopics(Collection<String> topics) {
        return with(topics.stream()
                .map(topic -> TopicSpec.of(topic, config.topicPartitions()))
                .toList());
    }

    /** Every topic of the plan, in the order added. */
    public List<TopicSpec> specs() {
        return List.copyOf(specs.values());
    }

    /** The names of every topic of the plan, in the order added. */
    public List<String> names() {
        return List.copyOf(specs.keySet());
    }

    /**
     * {@link #ensure(Admin, Duration, Replication)} with the configured replication, lowered to the cluster's size.
     *
     * @return the names of the topics created (the others existed)
     */
    public Set<String> ensure(Admin admin, Duration timeout) {
        return ensure(admin, timeout, Replication.forCluster(admin, config, timeout));
    }

    /**
     * Creates the topics that do not exist yet, replicated as {@code replication} says, waits until they take
     * records, checks that the conversation-keyed topics are co-partitioned, and checks the replication of the
     * topics that existed (Kafka Streams' internal ones too): each one replicated less is a WARN naming the command
     * that fixes it, or, with {@code topics.replication-check=fail}, an error.
     *
     * @return the names of the topics created (the others existed)
     * @throws dev.chathooks.processor.kafka.TopicSetupException if a topic cannot be created or does not take records in
     *     time, or is replicated less than wanted and the check fails the start
     * @throws dev.chathooks.processor.kafka.CoPartitioningException if the conversation-keyed topics' partition counts differ
     */
    public Set<String> ensure(Admin admin, Duration timeout, Replication replication) {
        Set<String> created = new TopicSetup(admin, timeout)
                .ensureTopics(specs().stream().map(replication::apply).toList());
        CoPartitioningCheck.requireCoPartitioned(admin, config.topics().conversationKeyed(), timeout);
        if (!replication.equals(Replication.SINGLE)) {
            checkReplication(admin, created, replication, timeout);
        }
        return created;
    }

    /**
     * The topics an instance of this plan needs to make progress: the plan's and, among {@code existing}, Kafka
     * Streams' internal topics of the application (its changelogs and repartition topics).
     */
    public Set<String> needed(Collection<String> existing) {
        Set<String> needed = new TreeSet<>(specs.keySet());
        existing.stream().filter(this::isStreamsInternal).forEach(needed::add);
        return needed;
    }

    private boolean isStreamsInternal(String topic) {
        return topic.startsWith(config.applicationId() + "-")
                && (topic.endsWith("-changelog") || topic.endsWith("-repartition"));
    }

    private void checkReplication(Admin admin, Set<String> created, Replication replication, Duration timeout) {
        Set<String> existing = needed(ReplicationCheck.topicNames(admin, timeout));
        existing.removeAll(created);
        List<String> findings = ReplicationCheck.findings(
                admin, existing, replication, config.bootstrapServers().orElse("<bootstrap.servers>"), timeout);
        if (findings.isEmpty()) {
            return;
        }
        if (config.replicationCheckFails()) {
            throw new TopicSetupException(String.join(" ", findings) + " (topics.replication-check=fail refuses "
                    + "to start on topics replicated less than configured; fix them, or set it to warn.)");
        }
        findings.forEach(finding -> LOG.warn("{}", finding));
    }

    private TopicPlan with(Collection<TopicSpec> added) {
        Map<String, TopicSpec> merged = new LinkedHashMap<>(specs);
        added.forEach(spec -> merged.putIfAbsent(spec.name(), spec));
        return new TopicPlan(config, merged);
    }
}

package dev.chathooks.topics;

import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.rewind.ControlTopic;
import dev.chathooks.kafka.CoPartitioningCheck;
import dev.chathooks.kafka.TopicSetup;
import dev.chathooks.kafka.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/**
 * Every topic a Chat Hooks run uses, each with how it is made: the conversation-keyed input topics (which must be
 * co-partitioned), the users' topic and the other lookup tables' topics (compacted), the dead letters, the
 * invocations, the control topic, and the topics hooks write to. All but the control topic have the configured
 * partition count ({@code topics.partitions}). The runtime creates the missing ones at start, and the bench
 * prepares the same ones before it measures.
 *
 * <p>Immutable: each {@code with...} returns a new plan. A topic named twice keeps its first spec.
 */
public final class TopicPlan {
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

    /** This plan and the topics of lookup tables that hooks asked for (such as the devices): compacted. */
    public TopicPlan withLookupTables(Collection<String> topics) {
        return with(topics.stream().map(topic -> TopicSpec.of(topic, config.topicPartitions()).compacted()).toList());
    }

    /** This plan and topics that hooks (or a benchmark) write to: plain ones. */
    public TopicPlan withOutputTopics(Collection<String> topics) {
        return with(topics.stream().map(topic -> TopicSpec.of(topic, config.topicPartitions())).toList());
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
     * Creates the topics that do not exist yet, waits until they take records, and checks that the
     * conversation-keyed topics are co-partitioned.
     *
     * @return the names of the topics created (the others existed)
     * @throws dev.chathooks.kafka.TopicSetupException if a topic cannot be created or does not take records in time
     * @throws dev.chathooks.kafka.CoPartitioningException if the conversation-keyed topics' partition counts differ
     */
    public Set<String> ensure(Admin admin, Duration timeout) {
        Set<String> created = new TopicSetup(admin, timeout).ensureTopics(specs());
        CoPartitioningCheck.requireCoPartitioned(admin, config.topics().conversationKeyed(), timeout);
        return created;
    }

    private TopicPlan with(Collection<TopicSpec> added) {
        Map<String, TopicSpec> merged = new LinkedHashMap<>(specs);
        added.forEach(spec -> merged.putIfAbsent(spec.name(), spec));
        return new TopicPlan(config, merged);
    }
}

package dev.chathooks.devtools.dump;

import dev.chathooks.processor.kafka.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Finds the topics whose time retention would delete records of a dump about to be loaded. Kafka deletes records
 * once their timestamps are older than the topic's {@code retention.ms}, so a dump recorded long ago and loaded
 * with its own timestamps vanishes, in part or whole, before anything reads it, and nothing says so.
 *
 * <p>An existing topic's retention is its effective config (its own, or the broker's default); a topic that
 * loading would create is asked of the broker with a validate-only creation, which answers with the configs the
 * topic would get. A topic that is compacted only ({@code cleanup.policy=compact}) or keeps records forever
 * ({@code retention.ms=-1}) deletes nothing by time.
 */
public final class RetentionCheck {
    /**
     * Records must outlive their loading by this much, so that a processor gets to read them: the broker checks
     * retention every few minutes, and a record a minute short of its retention would be gone before it is read.
     */
    public static final Duration READ_MARGIN = Duration.ofHours(1);

    /**
     * A topic that would delete loaded records.
     *
     * @param topic the topic
     * @param retentionMs its {@code retention.ms}
     * @param oldestTimestamp the dump's oldest timestamp for it, epoch milliseconds
     */
    public record Violation(String topic, long retentionMs, long oldestTimestamp) {
        /** A sentence naming the topic, its retention and the oldest timestamp. */
        public String describe() {
            return "topic " + topic + " keeps records for retention.ms=" + retentionMs + " ("
                    + Duration.ofMillis(retentionMs) + "), and the dump's oldest record for it is stamped "
                    + Instant.ofEpochMilli(oldestTimestamp);
        }
    }

    private final Admin admin;
    private final Duration timeout;

    /**
     * @param admin the client to ask; it stays the caller's to close
     * @param timeout how long each request to the cluster may take
     */
    public RetentionCheck(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * The topics whose retention would delete a record of the dump before {@link #READ_MARGIN} has passed.
     *
     * @param topics how each topic of the dump is created if it is missing
     * @param times the dump's timestamps, as they will be written
     * @param nowMs the current time, epoch milliseconds
     * @throws IllegalStateException if the cluster cannot answer
     */
    public List<Violation> violations(Collection<TopicSpec> topics, DumpTimes times, long nowMs) {
        Map<String, Config> configs = configs(topics);
        List<Violation> violations = new ArrayList<>();
        for (TopicSpec topic : topics) {
            Long oldest = times.oldestByTopic().get(topic.name());
            Config config = configs.get(topic.name());
            if (oldest == null || config == null || !deletesByTime(config)) {
                continue;
            }
            long retentionMs =
                    Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value());
            if (oldest < nowMs - retentionMs + READ_MARGIN.toMillis()) {
                violations.add(new Violation(topic.name(), retentionMs, oldest));
            }
        }
        return violations;
    }

    private static boolean deletesByTime(Config config) {
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
        boolean deletes =
                policy == null || policy.value() == null || policy.value().contains(TopicConfig.CLEANUP_POLICY_DELETE);
        return deletes && retention != null && retention.value() != null && Long.parseLong(retention.value()) >= 0;
    }

    /** The effective configs of existing topics, and those a missing topic would be created with. */
    private Map<String, Config> configs(Collection<TopicSpec> topics) {
        Set<String> existing = await(
                admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs())).names(), "list the topics");
        Map<String, Config> configs = new LinkedHashMap<>();
        List<ConfigResource> described = topics.stream()
                .map(TopicSpec::name)
                .filter(existing::contains)
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        if (!described.isEmpty()) {
            await(
                            admin.describeConfigs(described, new DescribeConfigsOptions().timeoutMs(timeoutMs()))
                                    .all(),
                            "describe the configs of "
                                    + described.stream()
                                            .map(ConfigResource::name)
                                            .toList())
                    .forEach((resource, config) -> configs.put(resource.name(), config));
        }
        List<TopicSpec> missing = topics.stream()
                .filter(topic -> !existing.contains(topic.name()))
                .toList();
        if (!missing.isEmpty()) {
            var validation = admin.createTopics(
                    missing.stream().map(TopicSpec::newTopic).toList(),
                    new CreateTopicsOptions().validateOnly(true).timeoutMs(timeoutMs()));
            for (TopicSpec topic : missing) {
                configs.put(
                        topic.name(),
                        await(
                                validation.config(topic.name()),
                                "tell the configs topic " + topic.name() + " would be created with"));
            }
        }
        return configs;
    }

    private int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Kafka could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not " + what + " within " + timeout.toSeconds()
                            + " s. Check that the cluster is reachable and healthy.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka to " + what, e);
        }
    }
}

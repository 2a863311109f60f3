package dev.chathooks.processor.runtime;

import dev.chathooks.processor.kafka.GroupSessions;
import dev.chathooks.processor.topology.StreamsProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings for the embedded broker and for the clients that use it, where Kafka's defaults, made for a cluster
 * serving many machines, made a development start-up or restart on one machine wait. A real cluster keeps Kafka's
 * defaults, and a user's own setting always wins.
 */
final class EmbeddedTuning {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTuning.class);
    /**
     * Session timeout of the hooks' groups on the embedded broker with {@code dispatch.group-protocol=consumer}, where
     * the broker sets it: as short as the classic protocol's (Chat Hooks' default).
     */
    private static final Duration SESSION = GroupSessions.SESSION;
    /**
     * How soon the clients of the set-up and of Kafka Streams ask the embedded broker again. A new topic's partitions
     * are refused for a moment, until the broker has created them; Kafka's backoff (100 ms, doubling up to 1 s) made
     * the first start wait 200-300 ms longer than the broker needed. A local broker takes the extra requests in its
     * stride.
     */
    private static final Map<String, String> RETRY_BACKOFF = Map.of(
            CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, "10",
            CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, "50");

    private EmbeddedTuning() {}

    /** Starts the embedded broker with its data in {@code directory}, tuned for restarts on one machine. */
    static LocalBroker startBroker(Path directory, int port) {
        // A member that died without leaving (a killed run) holds its work until its session times out, and the
        // run restarted on this data directory waits for that: 45 s by Kafka's defaults, SESSION here. Likewise the
        // broker itself, restarted after a kill, waits for its old registration to expire (9 s).
        return LocalBroker.launcher()
                .start(
                        directory,
                        port,
                        Map.of(
                                "group.consumer.min.session.timeout.ms",
                                Long.toString(SESSION.toMillis()),
                                "group.consumer.session.timeout.ms",
                                Long.toString(SESSION.toMillis()),
                                "broker.session.timeout.ms",
                                "5000",
                                "broker.heartbeat.interval.ms",
                                "1000"));
    }

    /** Tunes the set-up's admin client. */
    static void tuneAdmin(Properties properties) {
        RETRY_BACKOFF.forEach(properties::putIfAbsent);
    }

    /** Tunes Kafka Streams' clients. */
    static void tuneStreams(Properties properties) {
        // The restore consumer's fetch of an empty changelog waits fetch.max.wait.ms (500 ms) at the broker, and
        // the broker answers one request per connection at a time: the offset lookups of the tasks assigned next
        // wait behind it, so a new instance's stores became ready in 500 ms steps. Waiting less costs only
        // requests, which the local broker answers cheaply; a real cluster keeps Kafka's default.
        consumerUnlessSet(
                properties,
                StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                "10");
        // Likewise the main consumer's first fetch, sent while most tasks still restore, covers only the
        // partitions of the tasks ready then; a record for another one waited until that fetch expired, up to
        // 500 ms after Kafka Streams reported RUNNING. Records end a fetch's wait as soon as they come, so only
        // an idle instance asks more often (20 times a second).
        consumerUnlessSet(
                properties,
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                "50");
        RETRY_BACKOFF.forEach(properties::putIfAbsent);
        // How long a Streams thread blocks in poll when it has nothing to do. While the tasks restore, each step
        // (a changelog's end offset, its restoration, the task's hand-over) waited up to that: 100 ms by default,
        // 0.45 s of a new instance's start. Busy threads do not wait, so this costs only idle wake-ups.
        properties.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, "20");
    }

    /**
     * Asks for the topology's group, so that a new embedded broker creates its offsets topic and loads the group
     * coordinator while the topics are created: it does so on the first group request only, which otherwise came
     * from Kafka Streams and the hook consumers, who then retried for about 170 ms until the coordinator was ready.
     *
     * @return completes when the coordinator answered
     */
    static KafkaFuture<?> loadGroupCoordinator(Admin admin, String group, Duration timeout) {
        return admin.describeConsumerGroups(
                        List.of(group), new DescribeConsumerGroupsOptions().timeoutMs((int) timeout.toMillis()))
                .all();
    }

    /** Waits for a request made only to save time later; if it failed, the clients that need it will retry. */
    static void awaitQuietly(KafkaFuture<?> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("The embedded broker's group coordinator is not ready yet: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the topics", e);
        }
    }

    /**
     * Sets {@code prefixedKey}, the setting {@code key} of one of Kafka Streams' consumers, to {@code value} unless
     * the user set it, or set {@code key} for all of Kafka Streams' clients or for all of its consumers.
     */
    private static void consumerUnlessSet(Properties properties, String prefixedKey, String key, String value) {
        StreamsProperties.putUnlessSet(properties, value, prefixedKey, key, StreamsConfig.consumerPrefix(key));
    }
}

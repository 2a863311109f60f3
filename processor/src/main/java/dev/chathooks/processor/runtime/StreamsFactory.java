package dev.chathooks.processor.runtime;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetterSink;
import dev.chathooks.processor.kafka.ClientProperties;
import dev.chathooks.processor.kafka.GroupSessions;
import dev.chathooks.processor.metrics.PipelineMetrics;
import dev.chathooks.processor.tables.TableChanges;
import dev.chathooks.processor.topics.Replication;
import dev.chathooks.processor.topology.EnrichmentTopology;
import dev.chathooks.processor.topology.OversizeInvocationHandler;
import dev.chathooks.processor.topology.StreamsProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.rocksdb.RocksDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Kafka Streams instance that runs the enrichment topology live. */
public final class StreamsFactory {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsFactory.class);

    private StreamsFactory() {}

    /**
     * Kafka Streams' properties in a live run, before any tuning for an embedded broker: the user's, the cluster, the
     * state directory, and a commit every second unless set. The bench runs its pass-through baseline with them, so
     * that both applications pay for the same commits.
     */
    public static Properties properties(ChatHooksConfig config, String bootstrapServers, Path stateDir) {
        Properties properties = StreamsProperties.of(config);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // What an instance that dies re-processes, so the duplicate calls it causes: Kafka Streams' default is 30 s
        // of input; committing every second costs little and keeps that to about a second.
        properties.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
        tuneFailover(properties);
        return properties;
    }

    /**
     * An instance that dies without leaving holds its tasks until its session times out: 45 s by Kafka's default.
     * With the classic protocol (Kafka Streams' default) the client sets its session, so the topology's group asks
     * for {@link GroupSessions#SESSION}, like the hooks' groups. One standby replica per task keeps a copy of its
     * state on another instance, which takes the task over without restoring it from the changelog first.
     */
    private static void tuneFailover(Properties properties) {
        if (!"streams".equals(properties.getProperty(StreamsConfig.GROUP_PROTOCOL_CONFIG))) {
            mainConsumerUnlessSet(properties, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, GroupSessions.SESSION);
            mainConsumerUnlessSet(properties, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, GroupSessions.HEARTBEAT);
        }
        properties.putIfAbsent(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
    }

    private static void mainConsumerUnlessSet(Properties properties, String key, Duration value) {
        StreamsProperties.putUnlessSet(
                properties,
                Long.toString(value.toMillis()),
                StreamsConfig.mainConsumerPrefix(key),
                key,
                StreamsConfig.consumerPrefix(key));
    }

    /**
     * Warns, naming the setting, when the cluster's group settings would keep a dead member of the topology's or the
     * hooks' groups longer than failover allows, or refuse the sessions they ask for.
     */
    static void warnAboutClusterGroups(Admin admin, ChatHooksConfig config, String bootstrapServers, Path stateDir) {
        GroupSessions.warnAboutCluster(
                admin,
                groups(
                        properties(config, bootstrapServers, stateDir),
                        ClientProperties.consumer(
                                config, bootstrapServers, config.applicationId(), config.applicationId())),
                Duration.ofSeconds(5));
    }

    /**
     * The sessions the topology's and the hooks' groups ask for, and their protocols, as these {@code properties}
     * of Kafka Streams and {@code hookConsumer} properties give them: what {@link GroupSessions} checks the
     * cluster against.
     */
    static GroupSessions.Groups groups(Properties properties, Properties hookConsumer) {
        String session = ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG;
        String streamsSession = properties.getProperty(
                StreamsConfig.mainConsumerPrefix(session),
                properties.getProperty(
                        StreamsConfig.consumerPrefix(session), properties.getProperty(session, "45000")));
        return new GroupSessions.Groups(
                properties.getProperty(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic"),
                Duration.ofMillis(Long.parseLong(streamsSession.trim())),
                hookConsumer.getProperty(ConsumerConfig.GROUP_PROTOCOL_CONFIG),
                Duration.ofMillis(Long.parseLong(
                        hookConsumer.getProperty(session, "45000").trim())));
    }

    /**
     * {@link #properties(ChatHooksConfig, String, Path)}, with Kafka Streams' internal topics (the conversation
     * state's changelogs, the repartition topics) replicated as {@code replication} says, unless the user set
     * {@code replication.factor} or {@code topic.min.insync.replicas} themselves.
     */
    public static Properties properties(
            ChatHooksConfig config, String bootstrapServers, Path stateDir, Replication replication) {
        Properties properties = properties(config, bootstrapServers, stateDir);
        replication.applyTo(properties);
        return properties;
    }

    /**
     * The topology in Kafka Streams, not started: a failed Streams thread is replaced, and a restore of a lookup
     * table tells {@code tableChanges}.
     *
     * @param lookupTopics the topics of the lookup tables hooks asked for
     * @param lookupDeadLetters where the lookup tables' rejected records go
     * @param metrics the pipeline's counters
     */
    static KafkaStreams build(
            ChatHooksConfig config,
            Properties properties,
            Set<String> lookupTopics,
            DeadLetterSink lookupDeadLetters,
            TableChanges tableChanges,
            PipelineMetrics metrics) {
        // The handler of invocations too large to write is made by Kafka Streams; it finds the counters here.
        properties.put(OversizeInvocationHandler.METRICS_CONFIG, metrics);
        KafkaStreams built = new KafkaStreams(
                EnrichmentTopology.build(config, lookupTopics, lookupDeadLetters, tableChanges, metrics), properties);
        // A restore writes to the lookup tables without their updater: what was kept from them is dropped.
        built.setGlobalStateRestoreListener(new TableRestoreListener(tableChanges));
        built.setUncaughtExceptionHandler(exception -> {
            LOG.error("A Kafka Streams thread failed; replacing it: {}", exception.toString(), exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        // The stores need RocksDB's native library, which Kafka Streams loads when it opens the first one, at its
        // start: loading it here, while the topics are set up, takes about 100 ms off the start.
        RocksDB.loadLibrary();
        return built;
    }
}

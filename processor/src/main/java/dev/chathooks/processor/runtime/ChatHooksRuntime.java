package dev.chathooks.processor.runtime;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetterWriter;
import dev.chathooks.processor.dispatch.HookArguments;
import dev.chathooks.processor.dispatch.InvocationResolver;
import dev.chathooks.processor.dispatch.consumer.ConsumerStats;
import dev.chathooks.processor.hosting.HookHost;
import dev.chathooks.processor.kafka.ClientProperties;
import dev.chathooks.processor.management.HealthProbe;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import dev.chathooks.processor.metrics.HookCallMetrics;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.rewind.ControlFollower;
import dev.chathooks.processor.rewind.ControlTopic;
import dev.chathooks.processor.tables.StoreTableReader;
import dev.chathooks.processor.tables.TableChanges;
import dev.chathooks.processor.tables.TableReader;
import dev.chathooks.processor.topics.PartitionAvailability;
import dev.chathooks.processor.topics.Replication;
import dev.chathooks.processor.topics.TopicPlan;
import dev.chathooks.processor.topology.TopologyNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat Hooks live: the enrichment topology in Kafka Streams and one consumer group per hook over the invocations
 * topic, on a cluster given by {@code bootstrap.servers} or on an embedded broker started here.
 *
 * <p>Start-up order matters and is: broker (if embedded), producer, hooks ({@code start}, where they ask for lookup
 * tables and topic writers), topics (created when missing, then checked for co-partitioning, while Kafka Streams is
 * built on another thread), the topology (whose global lookup tables are read in full when it starts), the follower
 * of the control topic, then the hook consumers, which join their groups while the topology's tasks are assigned;
 * {@link #start} returns once those run too. Shutdown goes the other way, each step bounded: the control follower
 * stops, consumers finish or hand back their in-flight work and commit, dispatchers stop dead-lettering (a call cut
 * short by the shutdown is left to the next owner of its partition), then Streams closes, then the hooks, their
 * threads, the producer and the broker.
 *
 * <p>The parts: {@link TopicPlan} (the topics), {@link StreamsFactory} (Kafka Streams), {@code EmbeddedTuning} (the
 * embedded broker and its clients), {@code LiveHook} (each hook's dispatcher, consumer and threads).
 */
public final class ChatHooksRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatHooksRuntime.class);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What to run.
     *
     * @param config the processor's configuration, hooks' keys included
     * @param hooks the hooks loaded; the instances that {@code config} declares are added
     * @param dataDir where this instance keeps its local state (embedded broker data, Streams state)
     * @param invocationLog the invocation log to append to, or null
     * @param announce where to say what a user needs to know (the broker's address)
     * @param listener told of every call a hook finished, or null
     * @param metrics a metrics registry for this runtime alone (it holds the runtime's meters), which the caller
     *                closes after the runtime: until then its binders keep the runtime's Kafka clients reachable; or
     *                null for one of the runtime's own, closed with it
     */
    public record Options(
            ChatHooksConfig config,
            List<LoadedHook> hooks,
            Path dataDir,
            Path invocationLog,
            Consumer<String> announce,
            BiConsumer<LoadedHook, HookArguments> listener,
            ChatHooksMetrics metrics) {
        /** Options with a metrics registry of the runtime's own. */
        public Options(
                ChatHooksConfig config,
                List<LoadedHook> hooks,
                Path dataDir,
                Path invocationLog,
                Consumer<String> announce,
                BiConsumer<LoadedHook, HookArguments> listener) {
            this(config, hooks, dataDir, invocationLog, announce, listener, null);
        }
    }

    private final Options options;
    private final String instanceId = UUID.randomUUID().toString();
    /** The topics hooks asked to write to in {@code start}, created with the others. */
    private final Set<String> writerTopics = Collections.synchronizedSet(new LinkedHashSet<>());
    /** Changes of the lookup tables, for the users the dispatch keeps parsed. */
    private final TableChanges tableChanges = new TableChanges();

    private LocalBroker broker;
    private String bootstrapServers;
    private Producer<byte[], byte[]> producer;
    private HookHost host;
    private KafkaStreams streams;
    private ControlFollower controlFollower;
    private LiveHooks liveHooks;
    private final ChatHooksMetrics metrics;
    /** Reads the hooks' lag for the metrics and the partitions' leaders, created with the hook consumers. */
    private Admin lagAdmin;
    /** Made at start: how the topics are replicated, which they are, and the watch of their partitions' leaders. */
    private Replication replication;

    private TopicPlan plan;
    private PartitionAvailability availability;
    private volatile boolean closed;

    private ChatHooksRuntime(Options options) {
        this.options = options;
        this.metrics = options.metrics() != null ? options.metrics() : ChatHooksMetrics.create();
    }

    /**
     * Starts everything and returns when the hooks consume.
     *
     * @throws RuntimeException with a message for the user if a step fails; what was started is stopped again
     */
    public static ChatHooksRuntime start(Options options) {
        ChatHooksRuntime runtime = new ChatHooksRuntime(options);
        try {
            runtime.startAll();
            return runtime;
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll() {
        ChatHooksConfig config = options.config();
        // Before anything starts: instances, and keys for hooks that do not run, are refused at once.
        host = new HookHost(
                options.hooks(),
                config,
                topic -> {
                    writerTopics.add(topic);
                    return new KafkaTopicWriter(topic, producer);
                },
                metrics::hookMetrics);
        if (config.bootstrapServers().isPresent()) {
            bootstrapServers = config.bootstrapServers().get();
        } else {
            timed("the embedded broker", this::startBroker);
        }
        timed("the hooks", () -> {
            producer = new KafkaProducer<>(
                    ClientProperties.producer(config, bootstrapServers, config.applicationId() + "-producer"));
            metrics.bind(producer);
            host.start();
        });
        timed("the topics, with Kafka Streams built meanwhile", this::setUpTopicsAndBuildStreams);
        timed("Kafka Streams and its global tables", this::startStreams);
        // The hook consumers need only the global tables, loaded by now: they join their groups while Kafka Streams
        // joins its own and restores its tasks, rather than after, which took a few hundred ms more.
        timed("the hook consumers", this::startDispatch);
        timed("Kafka Streams' tasks", this::awaitRunning);
    }

    /** Runs one step of the start-up, saying at DEBUG how long it took: where a slow start-up spends its time. */
    private static void timed(String step, Runnable run) {
        long startedAt = System.nanoTime();
        run.run();
        LOG.debug("Start-up: {} took {} ms", step, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    }

    private void startBroker() {
        Path directory = options.dataDir().resolve("kafka");
        broker = EmbeddedTuning.startBroker(directory, options.config().embeddedPort());
        bootstrapServers = broker.bootstrapServers();
        options.announce()
                .accept("Embedded Kafka broker listening on " + bootstrapServers + " (data in " + directory
                        + "); point your chat server at it.");
    }

    /**
     * Sets up the topics and, on another thread meanwhile, builds the topology and Kafka Streams' clients, which do
     * not need the topics: most of the set-up is waiting for the broker to create the partitions, and building
     * took about 250 ms of class loading and setting up that came after it.
     */
    private void setUpTopicsAndBuildStreams() {
        Properties adminProperties = ClientProperties.admin(options.config(), bootstrapServers);
        if (broker != null) {
            EmbeddedTuning.tuneAdmin(adminProperties);
        }
        try (Admin admin = Admin.create(adminProperties)) {
            // First, as Kafka Streams' internal topics are replicated like the others: to the cluster's size.
            replication = Replication.forCluster(admin, options.config(), SETUP_TIMEOUT);
            // The streams are kept even when the set-up failed, so that close() closes them.
            Concurrently.run(
                    () -> setUpTopics(admin), this::buildStreams, built -> streams = built, "chat-hooks-build-streams");
        }
    }

    private void setUpTopics(Admin admin) {
        synchronized (writerTopics) {
            plan = TopicPlan.of(options.config())
                    .withLookupTables(host.lookupTopics())
                    .withOutputTopics(writerTopics);
        }
        KafkaFuture<?> coordinator = broker == null
                ? null
                : EmbeddedTuning.loadGroupCoordinator(admin, options.config().applicationId(), SETUP_TIMEOUT);
        Set<String> created = plan.ensure(admin, SETUP_TIMEOUT, replication);
        if (!created.isEmpty()) {
            LOG.info(
                    "Created topics {} (replication factor {}, min.insync.replicas {})",
                    created,
                    replication.factor(),
                    replication.minInsyncReplicas());
        }
        if (coordinator != null) {
            EmbeddedTuning.awaitQuietly(coordinator, SETUP_TIMEOUT);
        } else {
            StreamsFactory.warnAboutClusterGroups(admin, options.config(), bootstrapServers, options.dataDir());
        }
    }

    private KafkaStreams buildStreams() {
        ChatHooksConfig config = options.config();
        Properties properties = StreamsFactory.properties(
                config, bootstrapServers, options.dataDir().resolve("streams"), replication);
        if (broker != null) {
            EmbeddedTuning.tuneStreams(properties);
        }
        DeadLetterWriter lookupDeadLetters =
                new DeadLetterWriter(producer, config.topics().deadLetters());
        KafkaStreams built = StreamsFactory.build(
                config, properties, host.lookupTopics(), lookupDeadLetters, tableChanges, metrics.pipeline());
        metrics.bind(built);
        return built;
    }

    private void startStreams() {
        // Returns once the global tables are read in full: their stores can be queried while the tasks start.
        streams.start();
        host.bindTables(this::tableReader);
    }

    private void awaitRunning() {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Kafka Streams did not start (state " + streams.state() + "); see the log above");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Kafka Streams started", e);
            }
        }
    }

    private TableReader tableReader(String topic) {
        return new StoreTableReader(() -> streams.store(StoreQueryParameters.fromNameAndType(
                TopologyNames.lookupStore(topic), QueryableStoreTypes.<String, byte[]>keyValueStore())));
    }

    private void startDispatch() {
        ChatHooksConfig config = options.config();
        liveHooks = new LiveHooks(options.invocationLog(), options.listener());
        InvocationResolver resolver = new InvocationResolver(
                tableReader(config.topics().users()),
                tableChanges,
                TopologyNames.lookupStore(config.topics().users()));
        lagAdmin = Admin.create(ClientProperties.admin(config, bootstrapServers));
        liveHooks.wire(host.hooks(), config, bootstrapServers, resolver, producer, CLOSE_TIMEOUT, metrics, lagAdmin);
        Set<String> groups = new LinkedHashSet<>(
                liveHooks.byHook(hook -> hook.consumer().groupId()).values());
        groups.add(config.applicationId());
        availability = PartitionAvailability.watch(lagAdmin, plan, groups);
        metrics.trackUnavailablePartitions(availability::unavailablePartitions);
        // Before the hooks join their groups: a rewind asked for once a group has members is never missed.
        controlFollower = new ControlFollower(
                ClientProperties.groupless(config, bootstrapServers, config.applicationId() + "-control-" + instanceId),
                ControlTopic.name(config),
                instanceId,
                liveHooks.rewindable(),
                producer);
        controlFollower.start();
        liveHooks.start();
    }

    /** This instance's id, as it signs its answers on the control topic. */
    public String instanceId() {
        return instanceId;
    }

    /** The Kafka cluster in use. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The state of the topology's Kafka Streams: RUNNING while it processes (REBALANCING for moments). */
    public KafkaStreams.State topologyState() {
        return streams.state();
    }

    /** The process's metrics, which the management endpoint publishes. */
    public ChatHooksMetrics metrics() {
        return metrics;
    }

    /** The health of this runtime, for the management endpoint. */
    public HealthProbe health() {
        Duration grace = options.config().duration("management.unavailable-grace");
        return new RuntimeHealth(
                streams::state, liveHooks.byHook(LiveHook::consumer), () -> availability.problems(grace));
    }

    /** Each hook's call counters, by hook name. */
    public Map<String, HookCallMetrics> stats() {
        return liveHooks.byHook(LiveHook::stats);
    }

    /**
     * Per hook, its blocking attempts still running well past their timeout: threads held by a hook that ignores
     * interrupts (zero for a hook that returns when interrupted).
     */
    public Map<String, Integer> overdueAttempts() {
        return liveHooks.byHook(LiveHook::overdueAttempts);
    }

    /** Per hook, how many times its consumer stopped on its own and a new one was started. */
    public Map<String, Integer> consumerRestarts() {
        return liveHooks.byHook(LiveHook::consumerRestarts);
    }

    /** Each hook consumer's counters and assignment, by hook name. */
    public Map<String, ConsumerStats> consumerStats() {
        return liveHooks.byHook(LiveHook::consumerStats);
    }

    /** Stops everything, in order, each step bounded. Safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly("the control follower", controlFollower);
        if (liveHooks != null) {
            liveHooks.stopConsuming(CLOSE_TIMEOUT.plusSeconds(5));
            liveHooks.stopDispatching();
        }
        if (streams != null) {
            // Leave the group: the others (or this one's replacement) take its tasks over now, not after the session.
            streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
        if (host != null) {
            host.close();
        }
        if (liveHooks != null) {
            liveHooks.release();
        }
        closeQuietly("the partition watch", availability);
        if (lagAdmin != null) {
            lagAdmin.close(CLOSE_TIMEOUT);
        }
        if (options.metrics() == null) {
            metrics.close();
        }
        if (producer != null) {
            producer.close(CLOSE_TIMEOUT);
        }
        closeQuietly("the embedded broker", broker);
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Could not close {}: {}", what, e.toString());
        }
    }
}

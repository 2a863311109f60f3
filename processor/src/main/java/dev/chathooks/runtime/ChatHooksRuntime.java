package dev.chathooks.runtime;

import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.control.ControlFollower;
import dev.chathooks.control.ControlTopic;
import dev.chathooks.control.RewindableHook;
import dev.chathooks.deadletter.DeadLetterSink;
import dev.chathooks.dispatch.DedupWindow;
import dev.chathooks.dispatch.DispatchSettings;
import dev.chathooks.dispatch.HookArguments;
import dev.chathooks.dispatch.HookCallRunner;
import dev.chathooks.dispatch.HookDispatcher;
import dev.chathooks.dispatch.HookGroups;
import dev.chathooks.dispatch.HookThreads;
import dev.chathooks.dispatch.InvocationResolver;
import dev.chathooks.dispatch.consumer.ConsumerStats;
import dev.chathooks.dispatch.consumer.KeyOrderedConsumer;
import dev.chathooks.embedded.EmbeddedKafka;
import dev.chathooks.hosting.HookHost;
import dev.chathooks.kafka.ClientProperties;
import dev.chathooks.kafka.CoPartitioningCheck;
import dev.chathooks.kafka.TopicSetup;
import dev.chathooks.kafka.TopicSpec;
import dev.chathooks.management.HealthProbe;
import dev.chathooks.metrics.ChatHooksMetrics;
import dev.chathooks.metrics.HookCallMetrics;
import dev.chathooks.plugins.LoadedHook;
import dev.chathooks.tables.StoreTableReader;
import dev.chathooks.tables.TableChanges;
import dev.chathooks.tables.TableReader;
import dev.chathooks.topology.EnrichmentTopology;
import dev.chathooks.topology.OversizeInvocationHandler;
import dev.chathooks.topology.StreamsProperties;
import dev.chathooks.topology.TopologyNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.rocksdb.RocksDB;
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
 * <p>Each blocking hook runs on threads of its own, at most {@code dispatch.max-in-flight} of them.
 */
public final class ChatHooksRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatHooksRuntime.class);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Session timeout of the groups on the embedded broker, which serves one machine in development. */
    private static final Duration EMBEDDED_SESSION = Duration.ofSeconds(10);
    /**
     * How soon the clients of the set-up and of Kafka Streams ask the embedded broker again. A new topic's partitions
     * are refused for a moment, until the broker has created them; Kafka's backoff (100 ms, doubling up to 1 s) made
     * the first start wait 200-300 ms longer than the broker needed. A local broker takes the extra requests in its
     * stride; a real cluster keeps Kafka's backoff. A user's own setting wins.
     */
    private static final Map<String, String> EMBEDDED_RETRY_BACKOFF = Map.of(
            CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, "10",
            CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, "50");

    /**
     * What to run.
     *
     * @param config the processor's configuration
     * @param keys every configuration key (hooks get their {@code hook.<name>.*} ones)
     * @param hooks the hooks to run
     * @param dataDir where this instance keeps its local state (embedded broker data, Streams state)
     * @param invocationLog the invocation log to append to, or null
     * @param announce where to say what a user needs to know (the broker's address)
     * @param listener told of every call a hook finished, or null
     * @param metrics the process's metrics registry, or null for one of the runtime's own
     */
    public record Options(ChatHooksConfig config, Map<String, String> keys, List<LoadedHook> hooks, Path dataDir,
                          Path invocationLog, Consumer<String> announce,
                          BiConsumer<LoadedHook, HookArguments> listener, ChatHooksMetrics metrics) {
        /** Options with a metrics registry of the runtime's own. */
        public Options(ChatHooksConfig config, Map<String, String> keys, List<LoadedHook> hooks, Path dataDir,
                       Path invocationLog, Consumer<String> announce, BiConsumer<LoadedHook, HookArguments> listener) {
            this(config, keys, hooks, dataDir, invocationLog, announce, listener, null);
        }
    }

    private final Options options;
    private final List<AutoCloseable> closeOnFailure = new ArrayList<>();
    private final Map<String, HookDispatcher> dispatchers = new LinkedHashMap<>();
    private final List<SupervisedConsumer> consumers = new ArrayList<>();
    private final List<ExecutorService> hookThreads = new ArrayList<>();
    private final String instanceId = UUID.randomUUID().toString();
    private ControlFollower controlFollower;
    private final Set<String> writerTopics = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private EmbeddedKafka broker;
    private String bootstrapServers;
    private Producer<byte[], byte[]> producer;
    private HookHost host;
    private KafkaStreams streams;
    private InvocationLogFile invocationLog;
    private final ChatHooksMetrics metrics;
    private final HookMetrics mbeans = new HookMetrics();
    /** Reads the hooks' lag for the metrics, created with the hook consumers. */
    private Admin lagAdmin;
    /** Changes of the lookup tables, for the users the dispatch keeps parsed. */
    private final TableChanges tableChanges = new TableChanges();
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
        if (config.bootstrapServers().isPresent()) {
            bootstrapServers = config.bootstrapServers().get();
        } else {
            timed("the embedded broker", () -> bootstrapServers = startBroker());
        }
        timed("the hooks", () -> {
            producer = new KafkaProducer<>(ClientProperties.producer(config, bootstrapServers,
                    config.applicationId() + "-producer"));
            metrics.bind(producer);
            host = new HookHost(options.hooks(), options.keys(), topic -> {
                writerTopics.add(topic);
                return new KafkaTopicWriter(topic, producer);
            }, metrics::hookMetrics);
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

    private String startBroker() {
        Path directory = options.dataDir().resolve("kafka");
        // A member that died without leaving (a killed run) holds its work until its session times out, and the
        // run restarted on this data directory waits for that: 45 s by Kafka's defaults, EMBEDDED_SESSION here.
        // Likewise the broker itself, restarted after a kill, waits for its old registration to expire (9 s).
        broker = EmbeddedKafka.builder(directory).port(options.config().embeddedPort())
                .brokerProperty("group.consumer.min.session.timeout.ms", Long.toString(EMBEDDED_SESSION.toMillis()))
                .brokerProperty("group.consumer.session.timeout.ms", Long.toString(EMBEDDED_SESSION.toMillis()))
                .brokerProperty("broker.session.timeout.ms", "5000")
                .brokerProperty("broker.heartbeat.interval.ms", "1000")
                .build().start();
        options.announce().accept("Embedded Kafka broker listening on " + broker.bootstrapServers()
                + " (data in " + directory + "); point your chat server at it.");
        return broker.bootstrapServers();
    }

    private void setUpTopics() {
        ChatHooksConfig config = options.config();
        ChatHooksConfig.Topics topics = config.topics();
        int partitions = config.topicPartitions();
        List<TopicSpec> specs = new ArrayList<>();
        for (String topic : topics.conversationKeyed()) {
            specs.add(TopicSpec.of(topic, partitions));
        }
        specs.add(TopicSpec.of(topics.users(), partitions).compacted());
        for (String topic : host.lookupTopics()) {
            if (!topic.equals(topics.users())) {
                specs.add(TopicSpec.of(topic, partitions).compacted());
            }
        }
        specs.add(TopicSpec.of(topics.deadLetters(), partitions));
        specs.add(TopicSpec.of(topics.invocations(), partitions));
        specs.add(ControlTopic.spec(config));
        synchronized (writerTopics) {
            for (String topic : writerTopics) {
                specs.add(TopicSpec.of(topic, partitions));
            }
        }
        Properties adminProperties = ClientProperties.admin(config, bootstrapServers);
        if (broker != null) {
            EMBEDDED_RETRY_BACKOFF.forEach(adminProperties::putIfAbsent);
        }
        try (Admin admin = Admin.create(adminProperties)) {
            KafkaFuture<?> coordinator = broker == null ? null : findCoordinator(admin);
            TopicSetup setup = new TopicSetup(admin, SETUP_TIMEOUT);
            Set<String> created = setup.ensureTopics(dedupe(specs));
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
            CoPartitioningCheck.requireCoPartitioned(admin, topics.conversationKeyed(), SETUP_TIMEOUT);
            if (coordinator != null) {
                awaitQuietly(coordinator);
            }
        }
    }

    /**
     * Asks for the topology's group, so that a new embedded broker creates its offsets topic and loads the group
     * coordinator while the topics are created: it does so on the first group request only, which otherwise came
     * from Kafka Streams and the hook consumers, who then retried for about 170 ms until the coordinator was ready.
     */
    private KafkaFuture<?> findCoordinator(Admin admin) {
        return admin.describeConsumerGroups(List.of(options.config().applicationId()),
                new DescribeConsumerGroupsOptions().timeoutMs((int) SETUP_TIMEOUT.toMillis())).all();
    }

    /** Waits for a request made only to save time later; if it failed, the clients that need it will retry. */
    private static void awaitQuietly(KafkaFuture<?> future) {
        try {
            future.get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("The embedded broker's group coordinator is not ready yet: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the topics", e);
        }
    }

    private static List<TopicSpec> dedupe(List<TopicSpec> specs) {
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.putIfAbsent(spec.name(), spec));
        return new ArrayList<>(byName.values());
    }

    /**
     * Sets up the topics and, on another thread meanwhile, builds the topology and Kafka Streams' clients, which do
     * not need the topics: most of the set-up is waiting for the broker to create the partitions, and building
     * took about 250 ms of class loading and setting up that came after it.
     */
    private void setUpTopicsAndBuildStreams() {
        CompletableFuture<KafkaStreams> built = CompletableFuture.supplyAsync(this::buildStreams, runnable -> {
            Thread thread = new Thread(runnable, "chat-hooks-build-streams");
            thread.setDaemon(true);
            thread.start();
        });
        RuntimeException failure = null;
        try {
            setUpTopics();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            // Kept even when the set-up failed, so that close() closes it.
            streams = built.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
            if (failure == null) {
                failure = cause;
            } else {
                failure.addSuppressed(cause);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private KafkaStreams buildStreams() {
        ChatHooksConfig config = options.config();
        Properties properties = StreamsProperties.of(config);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, options.dataDir().resolve("streams").toString());
        // What an instance that dies re-processes, so the duplicate calls it causes: Kafka Streams' default is 30 s
        // of input; committing every second costs little and keeps that to about a second.
        properties.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
        if (broker != null) {
            // The topology's group (the classic protocol sets the session on the client): as for the hooks' groups.
            consumerUnlessSet(properties, StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(EMBEDDED_SESSION.toMillis()));
            // The restore consumer's fetch of an empty changelog waits fetch.max.wait.ms (500 ms) at the broker, and
            // the broker answers one request per connection at a time: the offset lookups of the tasks assigned next
            // wait behind it, so a new instance's stores became ready in 500 ms steps. Waiting less costs only
            // requests, which the local broker answers cheaply; a real cluster keeps Kafka's default.
            consumerUnlessSet(properties, StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
            // Likewise the main consumer's first fetch, sent while most tasks still restore, covers only the
            // partitions of the tasks ready then; a record for another one waited until that fetch expired, up to
            // 500 ms after Kafka Streams reported RUNNING. Records end a fetch's wait as soon as they come, so only
            // an idle instance asks more often (20 times a second).
            consumerUnlessSet(properties, StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
            EMBEDDED_RETRY_BACKOFF.forEach(properties::putIfAbsent);
            // How long a Streams thread blocks in poll when it has nothing to do. While the tasks restore, each step
            // (a changelog's end offset, its restoration, the task's hand-over) waited up to that: 100 ms by default,
            // 0.45 s of a new instance's start. Busy threads do not wait, so this costs only idle wake-ups.
            properties.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, "20");
        }
        // The handler of invocations too large to write is made by Kafka Streams; it finds the counters here.
        properties.put(OversizeInvocationHandler.METRICS_CONFIG, metrics.pipeline());
        DeadLetterSink lookupDeadLetters = letter -> producer.send(new ProducerRecord<>(
                config.topics().deadLetters(), null, letter.timestamp(), letter.key(), letter.value(), letter.headers()));
        KafkaStreams built = new KafkaStreams(EnrichmentTopology.build(config, host.lookupTopics(), lookupDeadLetters,
                tableChanges, metrics.pipeline()), properties);
        metrics.bind(built);
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

    private void startStreams() {
        // Returns once the global tables are read in full: their stores can be queried while the tasks start.
        streams.start();
        host.bindTables(this::tableReader);
    }

    private void awaitRunning() {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka Streams did not start (state " + streams.state()
                        + "); see the log above");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Kafka Streams started", e);
            }
        }
    }

    /**
     * Sets {@code prefixedKey}, the setting {@code key} of one of Kafka Streams' consumers, to {@code value} unless
     * the user set it, or set {@code key} for all of Kafka Streams' clients or for all of its consumers.
     */
    private static void consumerUnlessSet(Properties properties, String prefixedKey, String key, String value) {
        StreamsProperties.putUnlessSet(properties, value, prefixedKey, key, StreamsConfig.consumerPrefix(key));
    }

    private TableReader tableReader(String topic) {
        return new StoreTableReader(() -> streams.store(StoreQueryParameters.fromNameAndType(
                TopologyNames.lookupStore(topic), QueryableStoreTypes.<String, byte[]>keyValueStore())));
    }

    private void startDispatch() throws IllegalStateException {
        ChatHooksConfig config = options.config();
        if (options.invocationLog() != null) {
            try {
                invocationLog = new InvocationLogFile(options.invocationLog());
            } catch (IOException e) {
                throw new IllegalStateException("--output " + options.invocationLog() + " cannot be written: " + e);
            }
        }
        BiConsumer<LoadedHook, HookArguments> log = invocationLog == null ? (hook, arguments) -> { }
                : invocationLog::finished;
        BiConsumer<LoadedHook, HookArguments> finished = options.listener() == null ? log
                : log.andThen(options.listener());
        InvocationResolver resolver = new InvocationResolver(tableReader(config.topics().users()), tableChanges,
                TopologyNames.lookupStore(config.topics().users()));
        Map<String, RewindableHook> rewindable = new LinkedHashMap<>();
        lagAdmin = Admin.create(ClientProperties.admin(config, bootstrapServers));
        for (LoadedHook hook : host.hooks()) {
            DispatchSettings settings = DispatchSettings.forHook(config, hook.name());
            ExecutorService threads = HookThreads.forHook(hook.name(), settings.maxInFlight());
            hookThreads.add(threads);
            HookDispatcher dispatcher = new HookDispatcher(hook, resolver,
                    new HookCallRunner(hook, settings, threads),
                    new DedupWindow(settings.dedupWindow(), System::currentTimeMillis), producer,
                    config.topics().deadLetters(), finished, metrics.hookCalls(hook.name()));
            dispatchers.put(hook.name(), dispatcher);
            mbeans.register(config.applicationId(), hook.name(), dispatcher.stats());
            String group = HookGroups.of(config, hook.name());
            Map<String, Object> consumerProperties = new LinkedHashMap<>();
            ClientProperties.consumer(config, bootstrapServers, group, group)
                    .forEach((key, value) -> consumerProperties.put(key.toString(), value));
            SupervisedConsumer consumer = new SupervisedConsumer(hook.name(), () -> KeyOrderedConsumer.builder()
                    .properties(consumerProperties)
                    .topic(config.topics().invocations())
                    .handler(dispatcher::handle)
                    .maxInFlight(settings.maxInFlight())
                    .commitInterval(Duration.ofMillis(500))
                    .closeTimeout(CLOSE_TIMEOUT)
                    .build());
            consumers.add(consumer);
            metrics.trackLag(hook.name(), group, consumer::assigned, lagAdmin);
            rewindable.put(hook.name(), rewindable(consumer, dispatcher));
        }
        // Before the hooks join their groups: a rewind asked for once a group has members is never missed.
        controlFollower = new ControlFollower(ClientProperties.groupless(config, bootstrapServers,
                config.applicationId() + "-control-" + instanceId), ControlTopic.name(config), instanceId,
                rewindable, producer);
        controlFollower.start();
        for (int i = 0; i < consumers.size(); i++) {
            consumers.get(i).start();
            LOG.info("Hook '{}' consumes {} as group {}", host.hooks().get(i).name(), config.topics().invocations(),
                    consumers.get(i).groupId());
        }
    }

    private static RewindableHook rewindable(SupervisedConsumer consumer, HookDispatcher dispatcher) {
        return new RewindableHook() {
            @Override
            public Set<Integer> assignedPartitions() {
                Set<Integer> partitions = new TreeSet<>();
                consumer.assigned().forEach(partition -> partitions.add(partition.partition()));
                return partitions;
            }

            @Override
            public CompletionStage<Map<Integer, Long>> rewind(Map<Integer, Long> offsets) {
                Map<TopicPartition, Long> positions = new LinkedHashMap<>();
                offsets.forEach((partition, offset) -> positions.put(new TopicPartition(consumer.topic(), partition),
                        offset));
                dispatcher.forgetFinished();
                return consumer.reposition(positions).thenApply(moved -> {
                    Map<Integer, Long> byPartition = new LinkedHashMap<>();
                    moved.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
                    return byPartition;
                });
            }
        };
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
        Map<String, SupervisedConsumer> byHook = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(dispatchers.keySet());
        for (int i = 0; i < consumers.size(); i++) {
            byHook.put(names.get(i), consumers.get(i));
        }
        return new RuntimeHealth(streams::state, byHook);
    }

    /** Each hook's call counters, by hook name. */
    public Map<String, HookCallMetrics> stats() {
        Map<String, HookCallMetrics> stats = new LinkedHashMap<>();
        dispatchers.forEach((name, dispatcher) -> stats.put(name, dispatcher.stats()));
        return stats;
    }

    /**
     * Per hook, its blocking attempts still running well past their timeout: threads held by a hook that ignores
     * interrupts (zero for a hook that returns when interrupted).
     */
    public Map<String, Integer> overdueAttempts() {
        Map<String, Integer> overdue = new LinkedHashMap<>();
        dispatchers.forEach((name, dispatcher) -> overdue.put(name, dispatcher.runner().overdueAttempts()));
        return overdue;
    }

    /** Per hook, how many times its consumer stopped on its own and a new one was started. */
    public Map<String, Integer> consumerRestarts() {
        Map<String, Integer> restarts = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(dispatchers.keySet());
        for (int i = 0; i < consumers.size(); i++) {
            restarts.put(names.get(i), consumers.get(i).restarts());
        }
        return restarts;
    }

    /** Each hook consumer's counters and assignment, by hook name. */
    public Map<String, ConsumerStats> consumerStats() {
        Map<String, ConsumerStats> stats = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(dispatchers.keySet());
        for (int i = 0; i < consumers.size(); i++) {
            stats.put(names.get(i), consumers.get(i).stats());
        }
        return stats;
    }

    /** Stops everything, in order, each step bounded. Safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly("the control follower", controlFollower);
        // Hook consumers close in parallel: each waits for its own in-flight calls, bounded by CLOSE_TIMEOUT.
        List<Thread> closers = new ArrayList<>();
        for (SupervisedConsumer consumer : consumers) {
            Thread closer = new Thread(() -> closeQuietly("a hook consumer", consumer), "close-hook-consumer");
            closer.start();
            closers.add(closer);
        }
        for (Thread closer : closers) {
            try {
                closer.join(CLOSE_TIMEOUT.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dispatchers.values().forEach(HookDispatcher::close);
        if (streams != null) {
            // Leave the group: the other instances (or this one's replacement) take its tasks over at once, rather
            // than after the session timeout (45 s by default).
            streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
        if (host != null) {
            host.close();
        }
        hookThreads.forEach(ExecutorService::shutdownNow);
        if (producer != null) {
            producer.close(CLOSE_TIMEOUT);
        }
        closeQuietly("the invocation log", invocationLog);
        if (lagAdmin != null) {
            lagAdmin.close(CLOSE_TIMEOUT);
        }
        mbeans.close();
        if (options.metrics() == null) {
            metrics.close();
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

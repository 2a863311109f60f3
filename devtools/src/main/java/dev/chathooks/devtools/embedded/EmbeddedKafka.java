package dev.chathooks.devtools.embedded;

import dev.chathooks.processor.runtime.LocalBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster in this JVM, built from Kafka's own broker classes: one KRaft node that is both
 * broker and controller, with a PLAINTEXT listener on {@code localhost} for clients and a controller listener on
 * another local port.
 *
 * <p>Its data lives in the directory given to {@link #builder(Path)}, which it owns: the directory is formatted
 * on the first start and reused as it is on later ones, so topics, records and committed offsets (and the cluster
 * id) survive a restart. One broker at a time may use a directory; a second one fails at {@link #start()} with
 * a message saying so.
 *
 * <p>Life cycle: {@link #start()} once, which returns when the broker answers requests; {@link #close()} to stop
 * it, which waits until it has stopped. An instance cannot be started again after it was closed: build a new
 * one on the same directory.
 *
 * <p>Kafka's broker halts the JVM on faults it considers fatal (a corrupt metadata log, for example), as it
 * does in a standalone broker; this class cannot prevent that.
 */
public final class EmbeddedKafka implements LocalBroker {
    /** Kafka's default port, used unless {@link Builder#port(int)} says otherwise. */
    public static final int DEFAULT_PORT = 9092;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String LOG_DIRECTORY = "kraft-combined-logs";
    /** When the port was picked by us and someone took it before the broker bound it, try again this often. */
    private static final int BIND_ATTEMPTS = 3;

    private final Path dataDirectory;
    private final int requestedPort;
    private final Map<String, String> extraProperties;
    private final Duration startTimeout;

    private DataDirectoryLock lock;
    private KafkaRaftServer server;
    private int port;
    private String clusterId;
    private Duration startDuration;
    private State state = State.NEW;

    private enum State {
        NEW,
        RUNNING,
        CLOSED
    }

    private EmbeddedKafka(Builder builder) {
        this.dataDirectory = builder.dataDirectory;
        this.requestedPort = builder.port;
        this.extraProperties = Map.copyOf(builder.extraProperties);
        this.startTimeout = builder.startTimeout;
    }

    /**
     * A builder for a broker whose data lives in {@code dataDirectory} (created if missing). The broker owns
     * that directory: keep other files out of it.
     */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /**
     * Formats the data directory if it is not formatted yet, starts the broker and waits until it answers
     * requests.
     *
     * @return this broker, running
     * @throws EmbeddedKafkaException if it cannot start (port in use, directory in use or not writable, broker
     *     not ready within the start timeout); everything started so far is stopped again
     * @throws IllegalStateException if it was started before
     */
    public synchronized EmbeddedKafka start() {
        if (state != State.NEW) {
            throw new IllegalStateException("The embedded broker was already started; build a new one to start again");
        }
        long startedAt = System.nanoTime();
        lock = DataDirectoryLock.acquire(dataDirectory);
        try {
            startServer();
        } catch (RuntimeException e) {
            releaseLock();
            state = State.CLOSED;
            throw e;
        }
        startDuration = Duration.ofNanos(System.nanoTime() - startedAt);
        state = State.RUNNING;
        LOG.info(
                "Embedded Kafka broker ready at {} (cluster {}, data in {}) after {} ms",
                bootstrapServers(),
                clusterId,
                dataDirectory,
                startDuration.toMillis());
        return this;
    }

    private void startServer() {
        Path logDirectory = dataDirectory.resolve(LOG_DIRECTORY);
        if (requestedPort != 0 && LocalPorts.inUse(requestedPort)) {
            throw portInUse(requestedPort, null);
        }
        for (int attempt = 1; ; attempt++) {
            int clientPort = requestedPort != 0 ? requestedPort : LocalPorts.pickFree();
            int controllerPort = LocalPorts.pickFree();
            Properties properties = BrokerProperties.build(logDirectory, clientPort, controllerPort, extraProperties);
            KafkaConfig config = kafkaConfig(properties);
            BrokerStorage.formatIfNeeded(dataDirectory, properties, logDirectory);
            KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                candidate.startup();
            } catch (RuntimeException e) {
                stopQuietly(candidate);
                boolean bindFailure = causedByBindFailure(e);
                if (bindFailure && requestedPort == 0 && attempt < BIND_ATTEMPTS) {
                    LOG.debug("A picked port was taken before the broker bound it; trying other ports");
                    continue;
                }
                if (bindFailure) {
                    throw portInUse(clientPort, e);
                }
                throw new EmbeddedKafkaException("The embedded Kafka broker failed to start: " + e.getMessage(), e);
            }
            server = candidate;
            port = clientPort;
            try {
                clusterId = awaitReady();
            } catch (RuntimeException e) {
                stopQuietly(server);
                server = null;
                throw e;
            }
            return;
        }
    }

    private static KafkaConfig kafkaConfig(Properties properties) {
        try {
            return new KafkaConfig(properties);
        } catch (ConfigException e) {
            throw new EmbeddedKafkaException("Invalid embedded broker configuration: " + e.getMessage(), e);
        }
    }

    /** Waits until the broker is registered and unfenced, so that topics can be created at once; returns the cluster id. */
    private String awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                BrokerProperties.HOST + ":" + port,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "chat-hooks-embedded-readiness");
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0) {
                    throw new EmbeddedKafkaException("The embedded Kafka broker did not become ready within "
                            + startTimeout.toSeconds() + " s; see the log above for the broker's errors.");
                }
                Optional<String> ready = readyClusterId(admin, (int) Math.min(remainingMs, 5_000));
                if (ready.isPresent()) {
                    return ready.get();
                }
                sleep(Duration.ofMillis(50));
            }
        }
    }

    private static Optional<String> readyClusterId(Admin admin, int timeoutMs) {
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
        try {
            // Only unfenced brokers are listed: an empty list means the broker cannot take requests yet.
            boolean registered = cluster.nodes().get().stream().anyMatch(node -> node.id() == BrokerProperties.NODE_ID);
            return registered ? Optional.of(cluster.clusterId().get()) : Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while waiting for the embedded Kafka broker to start", e);
        }
    }

    private static boolean causedByBindFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    private static EmbeddedKafkaException portInUse(int port, Throwable cause) {
        return new EmbeddedKafkaException(
                "Cannot start the embedded Kafka broker: port " + port + " on "
                        + BrokerProperties.HOST
                        + " is already in use (another Kafka broker?). Stop what listens there, or "
                        + "choose another port.",
                cause);
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("The embedded Kafka broker did not stop cleanly after a failed start", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while waiting for the embedded Kafka broker to start", e);
        }
    }

    /** {@code localhost:<port>}: what clients put in {@code bootstrap.servers}. */
    @Override
    public String bootstrapServers() {
        return BrokerProperties.HOST + ":" + port();
    }

    /** The port of the client listener: the one asked for, or the free one picked for port 0. */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The cluster id, the same across restarts on the same data directory. */
    public synchronized String clusterId() {
        requireStarted();
        return clusterId;
    }

    /** How long {@link #start()} took, from its call until the broker answered requests. */
    public synchronized Duration startDuration() {
        requireStarted();
        return startDuration;
    }

    /** The directory that holds the broker's data. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    private void requireStarted() {
        if (clusterId == null) {
            throw new IllegalStateException("The embedded broker has not been started");
        }
    }

    /**
     * Stops the broker and waits until it has stopped, flushing its data to the data directory. Does nothing
     * if it was never started or is closed already.
     */
    @Override
    public synchronized void close() {
        if (state != State.RUNNING) {
            state = State.CLOSED;
            return;
        }
        state = State.CLOSED;
        long stoppingAt = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
            releaseLock();
        }
        LOG.info(
                "Embedded Kafka broker stopped after {} ms",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }

    private void releaseLock() {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("Could not release the lock on {}", dataDirectory, e);
        }
        lock = null;
    }

    /** Settings for an {@link EmbeddedKafka}; {@link #build()} checks them together. */
    public static final class Builder {
        private final Path dataDirectory;
        private int port = DEFAULT_PORT;
        private final Map<String, String> extraProperties = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory is null")
                    .toAbsolutePath();
        }

        /** The client listener's port on localhost; 0 picks a free one. Default {@value #DEFAULT_PORT}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * A broker property (such as {@code log.retention.hours}) that overrides this class's default. The
         * properties that make the node a single local broker and controller (node id, roles, listeners, quorum,
         * log directories) cannot be set: {@link #build()} rejects them.
         */
        public Builder brokerProperty(String key, String value) {
            extraProperties.put(
                    Objects.requireNonNull(key, "key is null"), Objects.requireNonNull(value, "value is null"));
            return this;
        }

        /** Several {@link #brokerProperty broker properties} at once. */
        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /** How long {@link EmbeddedKafka#start()} waits for the broker to answer. Default 60 s. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout is null");
            return this;
        }

        /**
         * The broker, not started yet.
         *
         * @throws IllegalArgumentException if a setting is out of range or a broker property cannot be overridden
         */
        public EmbeddedKafka build() {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(
                        "The embedded broker's port must be between 0 (pick a free one) " + "and 65535, not " + port);
            }
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "The embedded broker's start timeout must be positive, not " + startTimeout);
            }
            for (String key : extraProperties.keySet()) {
                if (BrokerProperties.MANAGED_KEYS.contains(key)) {
                    throw new IllegalArgumentException("The broker property " + key + " cannot be set for the embedded "
                            + "broker: it is a single local node whose listeners, roles and directories are fixed. "
                            + "To control it, run against a Kafka cluster of your own.");
                }
            }
            return new EmbeddedKafka(this);
        }
    }
}

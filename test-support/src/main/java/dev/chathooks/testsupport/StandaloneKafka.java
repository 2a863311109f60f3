package dev.chathooks.testsupport;

import dev.chathooks.processor.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A Kafka cluster of N brokers, each a JVM of its own started with Kafka's own main class ({@code kafka.Kafka})
 * and a generated {@code server.properties}, as an operator runs a standalone broker. Every node is a KRaft
 * combined broker and controller; the properties hold only what a node needs to run ({@code node.id},
 * {@code process.roles}, listeners, the static controller quorum and {@code log.dirs}), so everything else is
 * <em>Kafka's default</em>: a 45 s consumer group session, a 3 s initial rebalance delay, topic auto-creation
 * and so on. Only where a default cannot work on fewer than three brokers (the replication factor 3 of the offsets,
 * transaction and share-coordinator topics) is it lowered to the cluster's size.
 *
 * <pre>{@code
 * try (StandaloneKafka kafka = StandaloneKafka.start(3)) {
 *     String servers = kafka.bootstrapServers();
 *     kafka.kill(1);      // SIGKILL: no flush, no controlled shutdown
 *     kafka.restart(1);   // the same node id, ports and data directory
 * }
 * }</pre>
 *
 * <p>Nodes are numbered from 0 ({@code node.id} = the index). Each keeps its ports and data directory for the
 * cluster's life, so a restarted node is the same broker coming back. The brokers' output goes to
 * {@code node-<i>.log} in the cluster's temporary directory, which {@link #close()} deletes; a JVM shutdown hook
 * kills brokers a test left running. A JVM per broker costs about 1-2 s of start and ~300 MB of memory each.
 * Measured on a shared 2-core machine: 3 brokers start in 11 s, 1 in 5.5 s; a killed broker answers again 10 s
 * (of 3) to 15 s (alone) after {@link #restart(int)} is called: a broker restarted after a kill waits for its old
 * registration to expire ({@code broker.session.timeout.ms}, 9 s by default; see the embedded broker's tuning).
 */
public final class StandaloneKafka implements AutoCloseable {
    private static final String HOST = "localhost";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The internal topics whose default replication factor (3) a smaller cluster cannot give. */
    private static final List<String> REPLICATION_FACTOR_KEYS = List.of(
            "offsets.topic.replication.factor",
            "transaction.state.log.replication.factor",
            "share.coordinator.state.topic.replication.factor");

    private static final List<String> MIN_ISR_KEYS =
            List.of("transaction.state.log.min.isr", "share.coordinator.state.topic.min.isr");

    private final Path directory;
    private final List<Node> nodes;
    private final List<Path> configs = new ArrayList<>();
    private final Process[] processes;
    private final Thread reaper = new Thread(this::killAll, "standalone-kafka-reaper");

    private StandaloneKafka(Path directory, List<Node> nodes) {
        this.directory = directory;
        this.nodes = nodes;
        this.processes = new Process[nodes.size()];
    }

    /** Starts {@code size} brokers with Kafka's default settings; returns when every one answers requests. */
    public static StandaloneKafka start(int size) {
        return start(size, Map.of());
    }

    /**
     * Starts {@code size} brokers with Kafka's default settings plus {@code brokerSettings} (the same on every
     * node, for a test of a setting an operator would make); returns when every one answers requests.
     */
    public static StandaloneKafka start(int size, Map<String, String> brokerSettings) {
        if (size < 1) {
            throw new IllegalArgumentException("A cluster needs at least one broker, not " + size);
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("chat-hooks-standalone-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException("No temporary directory for the standalone brokers", e);
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new Node(i, HOST, freePort()));
        }
        StandaloneKafka cluster = new StandaloneKafka(directory, nodes);
        Runtime.getRuntime().addShutdownHook(cluster.reaper);
        try {
            cluster.format(brokerSettings);
            for (int i = 0; i < size; i++) {
                cluster.launch(i);
            }
            for (int i = 0; i < size; i++) {
                cluster.awaitReady(i);
            }
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The brokers' {@code bootstrap.servers}: every node's client listener. */
    public String bootstrapServers() {
        StringJoiner servers = new StringJoiner(",");
        nodes.forEach(node -> servers.add(node.host() + ":" + node.port()));
        return servers.toString();
    }

    /** How many brokers the cluster has. */
    public int size() {
        return nodes.size();
    }

    /** Broker {@code i}'s client listener, {@code localhost:<port>}. */
    public String bootstrapServers(int i) {
        Node node = nodes.get(i);
        return node.host() + ":" + node.port();
    }

    /** Broker {@code i}'s output so far (what {@code kafka.Kafka} logs and prints). */
    public Path log(int i) {
        return directory.resolve("node-" + i + ".log");
    }

    /** Whether broker {@code i}'s process runs. */
    public synchronized boolean alive(int i) {
        return processes[i] != null && processes[i].isAlive();
    }

    /**
     * SIGKILL of broker {@code i} ({@link Process#destroyForcibly()}): it ends at once, with no controlled
     * shutdown and nothing flushed beyond what the OS holds. Returns when the process is gone.
     */
    public synchronized void kill(int i) {
        Process process = processes[i];
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(30));
        processes[i] = null;
    }

    /** SIGTERM of broker {@code i}: Kafka's controlled shutdown. Returns when the process has exited. */
    public synchronized void stop(int i) {
        Process process = processes[i];
        if (process == null) {
            return;
        }
        process.destroy();
        if (!waitFor(process, Duration.ofSeconds(60))) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(30));
        }
        processes[i] = null;
    }

    /**
     * Starts broker {@code i} again, killed or stopped before, with its node id, ports and data directory;
     * returns when it answers requests.
     *
     * @throws IllegalStateException if it still runs
     */
    public void restart(int i) {
        synchronized (this) {
            if (alive(i)) {
                throw new IllegalStateException("Broker " + i + " still runs; kill or stop it first");
            }
            launch(i);
        }
        awaitReady(i);
    }

    /** Stops every broker (SIGTERM, then SIGKILL after 30 s) and deletes their data. */
    @Override
    public void close() {
        List<Process> running = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < processes.length; i++) {
                if (processes[i] != null) {
                    running.add(processes[i]);
                    processes[i].destroy();
                    processes[i] = null;
                }
            }
        }
        for (Process process : running) {
            if (!waitFor(process, Duration.ofSeconds(30))) {
                process.destroyForcibly();
                waitFor(process, Duration.ofSeconds(30));
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs anyway and finds nothing left to kill.
        }
        Directories.deleteRecursively(directory);
    }

    private synchronized void killAll() {
        for (Process process : processes) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    /** Writes each node's {@code server.properties} and formats its log directory with Kafka's storage tool. */
    private void format(Map<String, String> brokerSettings) {
        String clusterId = Uuid.randomUuid().toString();
        List<Integer> controllerPorts = new ArrayList<>();
        StringJoiner voters = new StringJoiner(",");
        for (Node node : nodes) {
            int controllerPort = freePort();
            controllerPorts.add(controllerPort);
            voters.add(node.id() + "@" + HOST + ":" + controllerPort);
        }
        for (Node node : nodes) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("node.id", Integer.toString(node.id()));
            properties.put("process.roles", "broker,controller");
            properties.put(
                    "listeners",
                    "PLAINTEXT://" + HOST + ":" + node.port() + ",CONTROLLER://" + HOST + ":"
                            + controllerPorts.get(node.id()));
            properties.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + node.port());
            properties.put("controller.listener.names", "CONTROLLER");
            properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            properties.put("controller.quorum.voters", voters.toString());
            properties.put(
                    "log.dirs", directory.resolve("node-" + node.id() + "-data").toString());
            if (nodes.size() < 3) {
                String size = Integer.toString(nodes.size());
                REPLICATION_FACTOR_KEYS.forEach(key -> properties.put(key, size));
                MIN_ISR_KEYS.forEach(key -> properties.put(key, "1"));
            }
            properties.putAll(brokerSettings);
            Path config = directory.resolve("node-" + node.id() + ".properties");
            StandaloneKafkaFiles.write(config, properties);
            configs.add(config);
            StandaloneKafkaFiles.runStorageTool(config, clusterId);
        }
    }

    private synchronized void launch(int i) {
        Path logConfig = directory.resolve("logback.xml");
        StandaloneKafkaFiles.writeLogConfig(logConfig);
        List<String> command = TestJvm.command();
        command.addAll(List.of(
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + logConfig,
                "-cp",
                System.getProperty("java.class.path"),
                "kafka.Kafka",
                configs.get(i).toString()));
        try {
            processes[i] = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start broker " + i, e);
        }
    }

    /**
     * Waits until broker {@code i} itself answers a request (a describe of its own configuration goes to that
     * broker alone) and the cluster lists it as an unfenced broker.
     */
    private void awaitReady(int i) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(i),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "standalone-kafka-readiness",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                "500");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(config)) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(i));
            while (true) {
                Process process;
                synchronized (this) {
                    process = processes[i];
                }
                if (process == null || !process.isAlive()) {
                    throw new IllegalStateException(
                            "Broker " + i + " exited while starting; its output: " + tail(log(i)));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Broker " + i + " did not answer within "
                            + START_TIMEOUT.toSeconds() + " s; its output: " + tail(log(i)));
                }
                try {
                    admin.describeConfigs(List.of(broker), new DescribeConfigsOptions().timeoutMs(2_000))
                            .all()
                            .get(3, TimeUnit.SECONDS);
                    boolean listed = admin
                            .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .stream()
                            .anyMatch(node -> node.id() == i);
                    if (listed) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for broker " + i, e);
                } catch (Exception e) {
                    // Not up yet: try again.
                }
                sleep(Duration.ofMillis(200));
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a broker", e);
        }
    }
}

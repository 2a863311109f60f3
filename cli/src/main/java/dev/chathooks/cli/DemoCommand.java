package dev.chathooks.cli;

import dev.chathooks.api.HookKind;
import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.dump.DumpRecord;
import dev.chathooks.kafka.TopicSetup;
import dev.chathooks.kafka.TopicSpec;
import dev.chathooks.logging.DefaultLogging;
import dev.chathooks.management.ManagementStartException;
import dev.chathooks.plugins.LoadedHook;
import dev.chathooks.runtime.ChatHooksRuntime;
import dev.chathooks.simulation.ChatSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-hooks demo}: the whole thing on one machine, with a simulated chat server. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts an embedded broker, a simulated chat server producing realistic traffic, and the",
                "example hooks (logging, and push notifications in dry-run), and prints hook calls as they happen.",
                "Ends after --duration or on Ctrl-C."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "60s", paramLabel = "D",
            description = "How long to run, such as 30s or 5m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--rate", defaultValue = "8", paramLabel = "N",
            description = "Chat events per second from the simulated chat server (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--embedded-port", defaultValue = "0", paramLabel = "PORT",
            description = "Port of the demo's broker (default: a free one).")
    int port;

    @Option(names = "--output", paramLabel = "FILE", description = "Also append the invocation log to FILE.")
    Path output;

    @Mixin
    PluginOptions plugins;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Duration runFor = dev.chathooks.api.HookConfig.parseDuration(duration).orElseThrow(() -> new CliException(
                "--duration '" + duration + "' is not a duration; use one such as 30s, 5m or PT1M"));
        if (rate < 1 || rate > 10_000) {
            throw new CliException("--rate " + rate + " must be from 1 to 10000 events per second");
        }
        PrintWriter err = spec.commandLine().getErr();
        if (plugins.paths.isEmpty()) {
            plugins.paths.addAll(ExamplePlugins.find());
            if (plugins.paths.isEmpty()) {
                err.println("The example hooks are not built: run `mvn -q package -DskipTests` first, or give"
                        + " --plugins PATH.");
            }
        }
        Map<String, String> keys = new TreeMap<>(configOptions.keys());
        keys.putIfAbsent("hook.push.mode", "dry-run");
        keys.put("embedded.port", Integer.toString(port));
        keys.remove("bootstrap.servers");
        keys.putIfAbsent("topics.partitions", "3");
        ChatHooksConfig config = ChatHooksConfig.of(keys);
        DefaultLogging.useFormat(config.loggingFormat());
        ManagementEndpoint management = startManagement(config, keys, err);
        List<LoadedHook> hooks;
        Path dataDir;
        ChatHooksRuntime runtime;
        Map<HookKind, Long> kinds = new EnumMap<>(HookKind.class);
        try {
            hooks = plugins.load();
            dataDir = Files.createTempDirectory("chat-hooks-demo");
            runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(config, keys, hooks, dataDir,
                    output, message -> say(err, message), (hook, arguments) -> {
                        synchronized (kinds) {
                            kinds.merge(arguments.event().kind(), 1L, Long::sum);
                        }
                    }, management.metrics()));
        } catch (IOException | RuntimeException | Error e) {
            management.close();
            throw e;
        }
        management.health(runtime.health());
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread shutdownHook = new Thread(() -> {
            stopping.set(true);
            try {
                done.await(40, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            say(err, "Demo: simulated chat server sending " + rate + " events/s for " + runFor.toSeconds()
                    + " s to " + runtime.bootstrapServers() + "; hooks " + runtime.stats().keySet() + ".");
            simulate(config, runtime.bootstrapServers(), runFor, stopping);
            Thread.sleep(1500); // let the last calls finish
            say(err, "Demo over. Hook calls by kind: " + kinds);
            runtime.stats().forEach((name, stats) -> say(err, "  " + name + ": " + stats));
        } finally {
            runtime.close();
            management.close();
            deleteRecursively(dataDir);
            done.countDown();
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
        }
        return 0;
    }

    /**
     * The demo's management endpoint: on {@code management.port} when the user set it; else on the default port,
     * or on any free one when that is taken (a demo should not fail for a port the user never asked for).
     */
    private static ManagementEndpoint startManagement(ChatHooksConfig config, Map<String, String> keys,
                                                      PrintWriter err) {
        try {
            return ManagementEndpoint.start(config, message -> say(err, message));
        } catch (ManagementStartException e) {
            if (keys.containsKey("management.port")) {
                throw e;
            }
            return ManagementEndpoint.start(config.with("management.port", "0"), message -> say(err, message));
        }
    }

    private void simulate(ChatHooksConfig config, String bootstrap, Duration runFor, AtomicBoolean stopping)
            throws InterruptedException {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        ChatSimulator simulator = new ChatSimulator(config.topics(), 8, 4, System.nanoTime(),
                System.currentTimeMillis());
        ensureDevicesTopic(config, bootstrap);
        long end = System.nanoTime() + runFor.toNanos();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            while (!stopping.get() && System.nanoTime() < end) {
                DumpRecord record = simulator.next();
                producer.send(new ProducerRecord<>(record.topic(), null, System.currentTimeMillis(),
                        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value()));
                if (!record.topic().equals(config.topics().users()) && !record.topic().equals(config.topics().devices())) {
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
        }
    }

    /** The push hook asks for the devices table; other hooks may not, but the simulator writes it anyway. */
    private static void ensureDevicesTopic(ChatHooksConfig config, String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(properties)) {
            new TopicSetup(admin, Duration.ofSeconds(30)).ensureTopics(List.of(
                    TopicSpec.of(config.topics().devices(), config.topicPartitions()).compacted()));
        }
    }

    private static void say(PrintWriter err, String message) {
        err.println(message);
        err.flush();
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            all.forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}

package dev.chathooks.cli;

import dev.chathooks.api.HookKind;
import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.plugins.LoadedHook;
import dev.chathooks.runtime.ChatHooksRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
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
    private static final int DEMO_USERS = 8;
    private static final int DEMO_CONVERSATIONS = 4;

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
        SimulatedChatServer.checkRate(rate);
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
        List<LoadedHook> hooks = plugins.load();
        Path dataDir = Files.createTempDirectory("chat-hooks-demo");
        Map<HookKind, Long> kinds = new EnumMap<>(HookKind.class);
        ChatHooksRuntime runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(config, keys, hooks, dataDir,
                output, message -> say(err, message), (hook, arguments) -> {
                    synchronized (kinds) {
                        kinds.merge(arguments.event().kind(), 1L, Long::sum);
                    }
                }));
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
            SimulatedChatServer chatServer = new SimulatedChatServer(config, runtime.bootstrapServers(),
                    DEMO_USERS, DEMO_CONVERSATIONS, rate, System.nanoTime());
            chatServer.ensureInputTopics();
            chatServer.run(runFor, Long.MAX_VALUE, stopping::get, message -> { });
            Thread.sleep(1500); // let the last calls finish
            say(err, "Demo over. Hook calls by kind: " + kinds);
            runtime.stats().forEach((name, stats) -> say(err, "  " + name + ": " + stats));
        } finally {
            runtime.close();
            deleteRecursively(dataDir);
            done.countDown();
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
        }
        return 0;
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

package dev.chathooks.cli;

import dev.chathooks.api.HookKind;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.files.Directories;
import dev.chathooks.processor.management.ManagementStartException;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chat-hooks demo}: the whole thing on one machine, with a simulated chat server. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Shows Chat Hooks on one machine: an embedded broker, a simulated chat server producing"
                    + " realistic traffic, and the example hooks (logging, and push notifications in dry-run) next to"
                    + " those of --plugins, printing hook calls as they happen. Ends after --duration or on Ctrl-C.",
            ConfigOptions.SEE_DOCS
        })
final class DemoCommand implements Callable<Integer> {
    private static final int DEMO_USERS = 8;
    private static final int DEMO_CONVERSATIONS = 4;

    @Option(
            names = "--duration",
            defaultValue = "60s",
            paramLabel = "D",
            description = "How long to run, such as 30s or 5m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(
            names = "--rate",
            defaultValue = "8",
            paramLabel = "N",
            description = "Chat events per second from the simulated chat server (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--embedded-port",
            defaultValue = "0",
            paramLabel = "PORT",
            description = "Port of the demo's broker (default: a free one).")
    int port;

    @Option(
            names = "--no-example-hooks",
            description = "Run only the hooks of --plugins, without the example hooks (logging, and push in"
                    + " dry-run), which otherwise run next to them.")
    boolean noExampleHooks;

    @Mixin
    ProcessorOptions processor;

    /** The example hooks next to those the user gave (each plugin once, however it was named). */
    private void addExampleHooks() {
        List<Path> examples = ExamplePlugins.find();
        if (examples.isEmpty()) {
            processor.say("The example hooks are not built: run `mvn -q package -DskipTests` first, or give"
                    + " --plugins PATH.");
            return;
        }
        Set<Path> given = new HashSet<>();
        processor.plugins.paths.forEach(path -> given.add(path.toAbsolutePath().normalize()));
        for (Path example : examples) {
            if (given.add(example.toAbsolutePath().normalize())) {
                processor.plugins.paths.add(example);
            }
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Duration runFor = dev.chathooks.api.HookConfig.parseDuration(duration)
                .orElseThrow(() -> new CliException(
                        "--duration '" + duration + "' is not a duration; use one such as 30s, 5m or PT1M"));
        SimulatedChatServer.checkRate(rate);
        if (!noExampleHooks) {
            addExampleHooks();
        }
        List<LoadedHook> hooks = processor.plugins.load();
        Map<String, String> keys = new TreeMap<>(processor.configOptions.keys());
        if (hooks.stream().anyMatch(hook -> hook.name().equals("push"))) {
            // The demo's push hook writes what it would send: it has no credentials to send with.
            keys.putIfAbsent("hook.push.mode", "dry-run");
        }
        keys.put("embedded.port", Integer.toString(port));
        keys.remove("bootstrap.servers");
        keys.putIfAbsent("topics.partitions", "3");
        ChatHooksConfig config = ChatHooksConfig.of(keys);
        processor.useLogFormat(config);
        ManagementEndpoint management = startManagement(config, keys);
        Path dataDir = Files.createTempDirectory("chat-hooks-demo");
        Map<HookKind, Long> kinds = new EnumMap<>(HookKind.class);
        ChatHooksRuntime runtime;
        try {
            runtime = processor.start(
                    config,
                    hooks,
                    dataDir,
                    (hook, arguments) -> {
                        synchronized (kinds) {
                            kinds.merge(arguments.event().kind(), 1L, Long::sum);
                        }
                    },
                    management);
        } catch (RuntimeException e) {
            Directories.deleteRecursively(dataDir);
            throw e;
        }
        GracefulStop stop = GracefulStop.install("demo-shutdown", Duration.ofSeconds(40));
        try {
            processor.say("Demo: simulated chat server sending " + rate + " events/s for " + runFor.toSeconds()
                    + " s to " + runtime.bootstrapServers() + "; hooks "
                    + runtime.stats().keySet() + ".");
            SimulatedChatServer chatServer = new SimulatedChatServer(
                    config, runtime.bootstrapServers(), DEMO_USERS, DEMO_CONVERSATIONS, rate, System.nanoTime());
            chatServer.ensureInputTopics();
            chatServer.run(runFor, Long.MAX_VALUE, stop::requested, message -> {});
            Thread.sleep(1500); // let the last calls finish
            processor.say("Demo over. Calls that succeeded, by kind, over all hooks: " + kinds);
            processor.say("Calls by hook, every outcome:");
            runtime.stats().forEach((name, stats) -> processor.say("  " + name + ": " + stats));
        } finally {
            management.close();
            runtime.close();
            Directories.deleteRecursively(dataDir);
            stop.close();
        }
        return 0;
    }

    /**
     * The demo's management endpoint: on {@code management.port} when the user set it; else on the default port,
     * or on any free one when that is taken (a demo should not fail for a port the user never asked for).
     */
    private ManagementEndpoint startManagement(ChatHooksConfig config, Map<String, String> keys) {
        try {
            return ManagementEndpoint.start(config, processor::say);
        } catch (ManagementStartException e) {
            if (keys.containsKey("management.port")) {
                throw e;
            }
            return ManagementEndpoint.start(config.with("management.port", "0"), processor::say);
        }
    }
}

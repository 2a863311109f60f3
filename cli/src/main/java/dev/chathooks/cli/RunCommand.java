package dev.chathooks.cli;

import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.logging.DefaultLogging;
import dev.chathooks.runtime.ChatHooksRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-hooks run}: live processing, as a member of the consumer group, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Processes live topics and calls the hooks, until stopped (Ctrl-C or SIGTERM).",
                "With --bootstrap-servers (or bootstrap.servers configured), joins that cluster as a member of the",
                "application's consumer group: start more instances to scale. Without, starts an embedded",
                "single-node Kafka broker with its data under --data-dir and prints its address."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--embedded-port", paramLabel = "PORT",
            description = "Port of the embedded broker (default 9092; 0 picks a free one).")
    Integer embeddedPort;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "chat-hooks-data",
            description = "This instance's local state: embedded broker data and Kafka Streams state"
                    + " (default: ${DEFAULT-VALUE}). Give each instance on one machine its own.")
    Path dataDir;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Appends the invocation log: a JSON line each time a hook finishes a call.")
    Path output;

    @Mixin
    PluginOptions plugins;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws InterruptedException {
        ChatHooksConfig config = kafka.apply(configOptions.config());
        if (embeddedPort != null) {
            config = config.with("embedded.port", embeddedPort.toString());
        }
        DefaultLogging.useFormat(config.loggingFormat());
        PrintWriter err = spec.commandLine().getErr();
        // With JSON logs (for a container's log collector), what run says goes into the log too: every line JSON.
        Consumer<String> say = config.loggingFormat().equals("json") ? LoggerFactory.getLogger(RunCommand.class)::info
                : message -> {
                    err.println(message);
                    err.flush();
                };
        // First: a taken management port stops the command before a broker or a hook starts.
        ManagementEndpoint management = ManagementEndpoint.start(config, say);
        ChatHooksRuntime runtime;
        try {
            runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(config,
                    withBootstrap(config), plugins.load(), dataDir, output, say, null, management.metrics()));
        } catch (RuntimeException | Error e) {
            management.close();
            throw e;
        }
        management.health(runtime.health());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say.accept("Stopping: finishing in-flight hook calls and committing...");
            runtime.close();
            management.close();
            stopped.countDown();
        }, "chat-hooks-shutdown"));
        say.accept("Chat Hooks is running on " + runtime.bootstrapServers() + " with hooks "
                + runtime.stats().keySet() + ". Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }

    private java.util.Map<String, String> withBootstrap(ChatHooksConfig config) {
        java.util.Map<String, String> keys = new java.util.TreeMap<>(configOptions.keys());
        config.bootstrapServers().ifPresent(servers -> keys.put("bootstrap.servers", servers));
        return keys;
    }
}

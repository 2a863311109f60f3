package dev.chathooks.cli;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chat-hooks run}: live processing, as a member of the consumer group, until stopped. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Processes live topics and calls the hooks, until stopped (Ctrl-C or SIGTERM).",
            "With --bootstrap-servers (or bootstrap.servers configured), it joins that cluster as a member of the"
                    + " application's consumer group: start more instances to scale. Without, it starts an"
                    + " embedded single-node Kafka broker with its data under --data-dir and prints its address.",
            ConfigOptions.SEE_DOCS
        })
final class RunCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--embedded-port",
            paramLabel = "PORT",
            description = "Port of the embedded broker (default 9092, or embedded.port; 0 picks a free one).")
    Integer embeddedPort;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "chat-hooks-data",
            description = "This instance's local state: embedded broker data and Kafka Streams state"
                    + " (default: ${DEFAULT-VALUE}). Give each instance on one machine its own.")
    Path dataDir;

    @Mixin
    ProcessorOptions processor;

    @Override
    public Integer call() throws InterruptedException {
        ChatHooksConfig config = kafka.apply(processor.configOptions.config());
        if (embeddedPort != null) {
            config = config.with("embedded.port", embeddedPort.toString());
        }
        processor.useLogFormat(config);
        // First: a taken management port stops the command before a broker or a hook starts.
        ManagementEndpoint management = ManagementEndpoint.start(config, processor::say);
        ChatHooksRuntime runtime = processor.start(config, processor.plugins.load(), dataDir, null, management);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            processor.say("Stopping: finishing in-flight hook calls and committing...");
                            management.close();
                            runtime.close();
                            stopped.countDown();
                        },
                        "chat-hooks-shutdown"));
        processor.say("Chat Hooks is running on " + runtime.bootstrapServers() + " with hooks "
                + runtime.stats().keySet() + ". Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }
}

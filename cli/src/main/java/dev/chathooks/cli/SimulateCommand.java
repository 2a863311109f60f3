package dev.chathooks.cli;

import dev.chathooks.api.HookConfig;
import dev.chathooks.processor.config.ChatHooksConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-hooks simulate}: the demo's simulated chat server, against any cluster. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Runs the demo's simulated chat server against a Kafka cluster: users, their devices, and"
                + " conversations with realistic traffic of every event type, at --rate events/s, until stopped"
                + " (Ctrl-C or SIGTERM), after --duration, or after --events events. Use it to try a deployment or to"
                + " load it. Missing input topics are created as the processor would create them. Prints what it"
                + " produced.")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--rate",
            defaultValue = "10",
            paramLabel = "N",
            description = "Chat events per second, from 1 to " + SimulatedChatServer.MAX_RATE
                    + " (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "How long to run, such as 30s or 5m (default: until stopped).")
    String duration;

    @Option(
            names = "--events",
            paramLabel = "N",
            description = "Stop after this many chat events (user and device records not counted; default: no limit).")
    Long events;

    @Option(
            names = "--users",
            defaultValue = "50",
            paramLabel = "N",
            description = "Simulated users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(
            names = "--conversations",
            defaultValue = "20",
            paramLabel = "N",
            description = "Simulated conversations (default: ${DEFAULT-VALUE}).")
    int conversations;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Random seed, to produce the same traffic again (default: a new one each run).")
    Long seed;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws InterruptedException {
        Duration runFor = duration == null
                ? null
                : HookConfig.parseDuration(duration)
                        .orElseThrow(() -> new CliException(
                                "--duration '" + duration + "' is not a duration; use one such as 30s, 5m"
                                        + " or PT1M, or leave it out to run until stopped"));
        if (events != null && events < 1) {
            throw new CliException("--events " + events + " must be at least 1, or left out for no limit");
        }
        ChatHooksConfig config = kafka.apply(configOptions.config());
        SimulatedChatServer chatServer = new SimulatedChatServer(
                config,
                kafka.bootstrapOrLocal(config),
                users,
                conversations,
                rate,
                seed == null ? System.nanoTime() : seed);
        PrintWriter out = spec.commandLine().getOut();
        // SIGTERM and Ctrl-C: stop producing, flush what was sent, print the summary, then let the JVM exit.
        GracefulStop stop = GracefulStop.install("simulate-shutdown", Duration.ofSeconds(30));
        try {
            chatServer.ensureInputTopics();
            say(
                    out,
                    "Simulated chat server: " + users + " users in " + conversations + " conversations, " + rate
                            + " events/s to " + chatServer.bootstrapServers() + " ("
                            + (runFor == null ? "until stopped" : "for " + runFor.toSeconds() + " s") + ").");
            chatServer.run(
                    runFor, events == null ? Long.MAX_VALUE : events, stop::requested, message -> say(out, message));
            say(out, "Produced " + chatServer.total() + " records in all: " + chatServer.produced());
            if (chatServer.failed() > 0) {
                spec.commandLine()
                        .getErr()
                        .println("chat-hooks simulate: the cluster refused " + chatServer.failed()
                                + " records; the first error: " + chatServer.firstFailure());
                return 1;
            }
            return 0;
        } finally {
            stop.close();
        }
    }

    private static void say(PrintWriter out, String message) {
        out.println(message);
        out.flush();
    }
}

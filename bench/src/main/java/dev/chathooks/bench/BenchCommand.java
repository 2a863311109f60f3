package dev.chathooks.bench;

import dev.chathooks.cli.ChatHooksCommand;
import dev.chathooks.cli.CliException;
import dev.chathooks.cli.ConfigOptions;
import dev.chathooks.cli.KafkaOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar bench/target/chat-hooks-bench.jar}: throughput, latency, CPU per event, push fan-out and start-up,
 * next to baselines of the same run. The benchmarks are an application of their own, outside the product's jar.
 */
@Command(
        name = "chat-hooks-bench",
        mixinStandardHelpOptions = true,
        description = "Measures, in one run: a plain consumer and a pass-through Kafka Streams application over"
                + " simulated chat traffic (the machine's limits), the whole pipeline with a no-op hook over the same"
                + " traffic (events per second and CPU per event), produce-to-hook-call latency at 5,000 events/s, the"
                + " push hook's fan-out to a 10,000-member conversation next to Pushy and the Firebase SDK sending"
                + " directly, the webhook hook's calls to a local endpoint next to a bare JDK HttpClient, and the"
                + " start-up of a fresh process. Prints a table; --json writes the figures. A few minutes (--quick:"
                + " about two). See docs/benchmarks.md.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Shorter measurements (under three minutes in all).")
    boolean quick;

    @Option(names = "--tiny", hidden = true, description = "Seconds of work whose figures mean nothing; for tests.")
    boolean tiny;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Option(
            names = "--only",
            paramLabel = "PART",
            split = ",",
            description = "Runs only these measurements: ${COMPLETION-CANDIDATES} (default: all).")
    java.util.List<Bench.Part> only;

    @Option(
            names = "--no-metrics",
            description = "Runs the pipeline with every meter a no-op: compare with a run "
                    + "without this flag, back to back, to see what the metrics cost.")
    boolean noMetrics;

    @Option(
            names = "--async-hook",
            description = "Measures the pipeline with the no-op hook as an AsyncChatHook (as"
                    + " HTTP and push hooks are), which is called without a hand-over to a hook thread.")
    boolean asyncHook;

    @Option(
            names = "--warm-up-rounds",
            paramLabel = "N",
            description = "Rounds of the backlog between the cold round and the warm one, unmeasured, for the JIT to"
                    + " settle (default: the size's own, 4 for a full run); the backlog has this many and three more."
                    + " The pipeline's warm figure is a second pass over the whole backlog. Progress shows each"
                    + " round's figures and how much the JIT was still compiling.")
    Integer warmUpRounds;

    @Option(
            names = "--chat-linger-ms",
            paramLabel = "MS",
            description = "The linger.ms of the latency phase's chat server producer (default: Kafka's, 5 ms since"
                    + " Kafka 4.0), whose wait is part of the latency measured: 0 shows what Chat Hooks adds alone.")
    Integer chatLingerMs;

    @Option(
            names = "--latency-rate",
            paramLabel = "EVENTS_PER_S",
            description = "Events per second of the latency phase and of its floor (default: 5,000), to see how"
                    + " latency depends on the load.")
    Integer latencyRate;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ConfigOptions configOptions;

    /** Runs the benchmarks and exits with their code: 0, 2 for a user error, 1 for a failure. */
    public static void main(String[] args) {
        System.exit(ChatHooksCommand.execute(
                new BenchCommand(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    @Override
    public Integer call() throws Exception {
        if (quick && tiny) {
            throw new CliException("--quick and --tiny exclude each other");
        }
        BenchSizes sizes = tiny ? BenchSizes.tiny() : quick ? BenchSizes.quick() : BenchSizes.full();
        if (warmUpRounds != null) {
            if (warmUpRounds < 0) {
                throw new CliException("--warm-up-rounds must be 0 or more, not " + warmUpRounds);
            }
            sizes = sizes.withWarmUpRounds(warmUpRounds);
        }
        if (chatLingerMs != null && chatLingerMs < 0) {
            throw new CliException("--chat-linger-ms must be 0 or more, not " + chatLingerMs);
        }
        if (latencyRate != null) {
            if (latencyRate < 1) {
                throw new CliException("--latency-rate must be 1 or more events a second, not " + latencyRate);
            }
            sizes = sizes.withLatencyRate(latencyRate);
        }
        String size = tiny ? "tiny" : quick ? "quick" : "full";
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String title = String.format(
                        Locale.ROOT,
                        "chat-hooks bench (%s) on %d cores, Java %s, %s",
                        size,
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.version(),
                        kafka.bootstrapServers == null ? "embedded broker" : "cluster " + kafka.bootstrapServers)
                + String.format(
                        Locale.ROOT, ", max heap %,d MB", Runtime.getRuntime().maxMemory() >> 20)
                + (asyncHook ? ", no-op hook asynchronous" : "")
                + (chatLingerMs != null ? ", chat server linger.ms " + chatLingerMs : "")
                + (latencyRate != null ? String.format(Locale.ROOT, ", latency at %,d events/s", latencyRate) : "")
                + String.format(Locale.ROOT, ", %d warm-up rounds", sizes.warmUpRounds());
        long start = System.nanoTime();
        BenchReport report = Bench.run(new Bench.Options(
                sizes,
                title,
                Optional.ofNullable(kafka.bootstrapServers),
                configOptions.keys(),
                message -> {
                    err.printf(Locale.ROOT, "[%5.1f s] %s%n", (System.nanoTime() - start) / 1e9, message);
                    err.flush();
                },
                !noMetrics,
                only == null || only.isEmpty()
                        ? java.util.EnumSet.allOf(Bench.Part.class)
                        : java.util.EnumSet.copyOf(only),
                asyncHook,
                chatLingerMs == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(chatLingerMs)));
        out.print(report.table());
        out.flush();
        if (json != null) {
            report.writeJson(json);
            err.println("Figures written to " + json);
        }
        return 0;
    }
}

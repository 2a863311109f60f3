package dev.chathooks.bench;

import dev.chathooks.devtools.embedded.EmbeddedKafka;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.files.Directories;
import dev.chathooks.processor.topics.TopicPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code chat-hooks bench}: measures, in one run and on one broker, the machine's limits and Chat Hooks next to
 * them:
 * <ol>
 *   <li>a plain consumer reading a backlog of simulated chat events ({@code consumer_events_per_s}), and its CPU
 *       time per event ({@code consumer_cpu_us_per_event}): what a second Kafka hop costs at the least;</li>
 *   <li>a pass-through Kafka Streams application over the same backlog ({@code passthrough_events_per_s});</li>
 *   <li>the whole pipeline (topology, invocations topic, key-ordered dispatch, a no-op {@code ChatHook}) over the
 *       same backlog, cold and warm ({@code pipeline_events_per_s}, {@code pipeline_warm_events_per_s}; see
 *       {@link PipelinePasses});</li>
 *   <li>the CPU time of this process per event over the pass-through's and the pipeline's spans
 *       ({@code passthrough_cpu_us_per_event}, {@code pipeline_cpu_us_per_event}): steadier than the rates on a
 *       shared machine, whose neighbours take cores but not CPU time;</li>
 *   <li>produce-to-hook-call latency at a steady rate ({@code latency_p50_ms}, {@code _p99_ms}, {@code _max_ms}),
 *       and the same traffic's latency through two bare Kafka hops, its floor ({@code latency_floor_p50_ms},
 *       {@code _p99_ms}; see {@link LatencyFloor}), and this process's CPU time per event over each of the two
 *       ({@code latency_cpu_us_per_event}, {@code latency_floor_cpu_us_per_event}) and over the same traffic with
 *       nothing reading it ({@code latency_sender_cpu_us_per_event}): what live traffic costs, in small polls and
 *       batches, where a backlog's figures above are a catch-up's;</li>
 *   <li>the push plugin's fan-out to a large conversation next to Pushy and the Firebase SDK sending directly
 *       ({@code apns_push_per_s}, {@code apns_raw_per_s}, {@code fcm_push_per_s}, {@code fcm_raw_per_s});</li>
 *   <li>the webhook hook's calls to a local HTTP endpoint next to a bare JDK {@code HttpClient} sending the same
 *       requests ({@code webhook_per_s}, {@code webhook_raw_per_s});</li>
 *   <li>start-up of a fresh process with an embedded broker ({@code startup_ms}), and the peak heap of this
 *       process while the pipeline ran ({@code peak_heap_mb}).</li>
 * </ol>
 * Every run uses topics and groups of its own, so it can run against a shared cluster; they are deleted after.
 */
public final class Bench {
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);

    /**
     * What to run.
     *
     * @param sizes how much work each measurement does
     * @param title the first line of the table
     * @param bootstrapServers a cluster to run on; empty for an embedded broker started here
     * @param settings configuration keys for the pipeline and the pass-through (Kafka properties, dispatch
     *                 settings); the bench sets the application id, the topic names and the cluster itself
     * @param progress told what is being measured, for the user waiting
     * @param metrics false to run the pipeline with every meter a no-op, to measure what the metrics cost
     * @param parts the measurements to run
     * @param asyncHook true to measure the pipeline with the no-op hook as an {@code AsyncChatHook}
     * @param chatLingerMs the latency phase's chat server producer's {@code linger.ms}; empty for Kafka's default
     */
    public record Options(
            BenchSizes sizes,
            String title,
            Optional<String> bootstrapServers,
            Map<String, String> settings,
            Consumer<String> progress,
            boolean metrics,
            Set<Part> parts,
            boolean asyncHook,
            OptionalInt chatLingerMs) {}

    /** The measurements, each of which can be run alone. */
    public enum Part {
        /** The consumer and pass-through baselines, the pipeline's throughput and CPU per event, and latency. */
        PIPELINE,
        /** The push hook's fan-out next to Pushy and the Firebase SDK sending directly. */
        PUSH,
        /** The webhook hook next to a bare HTTP client. */
        WEBHOOK,
        /** The start-up of a fresh process. */
        STARTUP
    }

    private final Options options;
    private final BenchReport report;
    private final String runId = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    private final ChatHooksConfig config;
    private final int partitions;
    /** The embedded broker, while one runs: closed by whichever ends first, the run or the JVM. */
    private final AtomicReference<EmbeddedKafka> runningBroker = new AtomicReference<>();

    private Bench(Options options) {
        this.options = options;
        Map<String, String> keys = BenchTopics.runKeys(runId, options.settings());
        this.config = ChatHooksConfig.of(keys);
        this.partitions = config.topicPartitions();
        this.report = new BenchReport(options.title() + ", " + BenchTopics.layout(config.topics()));
    }

    /**
     * Runs every measurement and returns the figures.
     *
     * @throws IllegalStateException if a measurement cannot complete (records missing, a process failing)
     */
    public static BenchReport run(Options options) throws Exception {
        return new Bench(options).runAll();
    }

    private BenchReport runAll() throws Exception {
        Path workDir = Files.createTempDirectory("chat-hooks-bench");
        // A full run leaves gigabytes of broker logs here; a run stopped by Ctrl-C or SIGTERM never reaches the
        // finally below, so a shutdown hook removes them then.
        Thread cleanUp = new Thread(() -> closeAndDelete(workDir), "bench-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            return measure(workDir);
        } finally {
            closeAndDelete(workDir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping and its hook does the same: the broker is closed once, deleting twice is harmless
            }
        }
    }

    private void closeAndDelete(Path workDir) {
        EmbeddedKafka broker = runningBroker.getAndSet(null);
        if (broker != null) {
            broker.close();
        }
        Directories.deleteRecursively(workDir);
    }

    private BenchReport measure(Path workDir) throws Exception {
        if (options.parts().contains(Part.PIPELINE)) {
            // The pipeline's measurements are the only ones that use Kafka: the others start no broker.
            String bootstrap;
            if (options.bootstrapServers().isPresent()) {
                bootstrap = options.bootstrapServers().get();
            } else {
                options.progress().accept("Starting the embedded broker");
                EmbeddedKafka broker = EmbeddedKafka.builder(workDir.resolve("kafka"))
                        .port(0)
                        .build()
                        .start();
                runningBroker.set(broker);
                bootstrap = broker.bootstrapServers();
            }
            measureKafka(bootstrap, workDir);
        }
        if (options.parts().contains(Part.PUSH)) {
            PluginFigures.fanout(options.sizes(), options.progress(), report);
        }
        if (options.parts().contains(Part.WEBHOOK)) {
            PluginFigures.webhook(options.sizes(), options.progress(), report);
        }
        if (options.parts().contains(Part.STARTUP)) {
            // Timed with nothing of the bench running: its own broker would compete for the cores it times.
            EmbeddedKafka running = runningBroker.getAndSet(null);
            if (running != null) {
                running.close();
            }
            measureStartup(workDir);
        }
        return report;
    }

    private void measureKafka(String bootstrap, Path workDir) throws Exception {
        BenchSizes sizes = options.sizes();
        ChatHooksConfig.Topics topics = config.topics();
        String passthroughTopic = runId + ".passthrough";
        String latencyFloorTopic = runId + ".latency-floor";
        List<String> created = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            created.addAll(createTopics(admin, List.of(passthroughTopic, latencyFloorTopic)));
            try {
                long setup = 2L * sizes.users() + sizes.conversations();
                // Cold, the warm-up rounds, warm, and a last round that keeps every partition busy while the warm
                // round is measured (see measurePipeline).
                int rounds = 3 + sizes.warmUpRounds();
                BenchTraffic traffic = new BenchTraffic(topics, partitions, sizes, setup + rounds * sizes.events());
                long[] events = new long[rounds];
                options.progress()
                        .accept(String.format(
                                Locale.ROOT,
                                "Sending a backlog of %d rounds of %,d chat" + " events (%,d users, %,d conversations)",
                                rounds,
                                sizes.events(),
                                sizes.users(),
                                sizes.conversations()));
                try (KafkaProducer<byte[], byte[]> producer = BenchTraffic.backlogProducer(bootstrap)) {
                    for (int round = 0; round < rounds; round++) {
                        events[round] = traffic.sendBacklog(producer, sizes.events(), "round-" + round);
                    }
                }
                options.progress().accept("1/7 Plain consumer over the backlog");
                ConsumerBaseline.Figures consumer = ConsumerBaseline.measure(
                        bootstrap,
                        runId + "-consumer",
                        topics.conversationKeyed(),
                        events[0],
                        LongStream.of(events).sum(),
                        PHASE_TIMEOUT);
                report.put("consumer_events_per_s", consumer.eventsPerSecond());
                report.put("consumer_cpu_us_per_event", consumer.cpuMicrosPerEvent());
                options.progress()
                        .accept(
                                "2/7 Pass-through Kafka Streams application over the backlog, in passes until the JIT has settled");
                PassthroughBaseline.ColdAndWarm passthrough = PassthroughBaseline.coldAndWarm(
                        config,
                        bootstrap,
                        passthroughTopic,
                        workDir,
                        events,
                        sizes.passthroughPasses(),
                        PHASE_TIMEOUT,
                        options.progress());
                RoundFigures cold = passthrough.cold();
                RoundFigures warm = passthrough.warm();
                report.put("passthrough_events_per_s", cold.eventsPerSecond());
                report.put("passthrough_cpu_us_per_event", cold.cpuMicrosPerEvent());
                report.put("passthrough_warm_events_per_s", warm.eventsPerSecond());
                report.put("passthrough_warm_cpu_us_per_event", warm.cpuMicrosPerEvent());
                warm.putJitFigure(report, "passthrough_warm_jit_ms_per_s");
                new PipelinePasses(options, config, report, admin, bootstrap, PHASE_TIMEOUT, latencyFloorTopic, workDir)
                        .measure(traffic, events);
            } finally {
                if (options.bootstrapServers().isPresent()) {
                    deleteTopics(admin, created);
                }
            }
        }
    }

    private void measureStartup(Path workDir) throws IOException, InterruptedException {
        int runs = options.sizes().startupRuns();
        options.progress()
                .accept("7/7 Start-up of a fresh process with an embedded broker (" + runs + " runs each"
                        + " without and with a class-data-sharing archive, taking turns)");
        StartupFigure.measure(workDir, runs, options.progress(), report);
    }

    /**
     * The runtime's topics (with the devices, which the traffic fills as for the push hook) and the baselines'
     * output topics.
     */
    private List<String> createTopics(Admin admin, List<String> outputTopics) {
        TopicPlan plan = TopicPlan.of(config)
                .withLookupTables(List.of(config.topics().devices()))
                .withOutputTopics(outputTopics);
        plan.ensure(admin, Duration.ofSeconds(60));
        return plan.names();
    }

    private void deleteTopics(Admin admin, List<String> topics) {
        List<String> all = new ArrayList<>(topics);
        try {
            admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(runId))
                    .forEach(all::add);
            admin.deleteTopics(all.stream().distinct().toList()).all().get();
        } catch (Exception e) {
            options.progress().accept("Could not delete the bench's topics " + all + ": " + e);
        }
    }
}

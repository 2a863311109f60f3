package dev.chathooks.bench;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.processor.topology.StreamsProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The pipeline's figures: passes over the backlog, each a new pipeline in this JVM, then latency at a steady rate.
 *
 * <p><b>Cold</b> is the first round of the first pass, from its first hook call to the call for its last end marker.
 * <b>Warm</b> is the whole of a later pass, from its first hook call to its last: the first whose JIT compiled less
 * than {@link RoundFigures#SETTLED_JIT_MILLIS_PER_SECOND} a second (the pass-through's rule), or the last the sizes
 * allow. After one pass the JIT is still compiling (the broker's code as much as the pipeline's), and that work would
 * count in the figure that is to be the steady state's. A whole pass holds every piece of work of both hops for every
 * event of the backlog. A single round of a pass cannot be measured warm: over a backlog, Kafka Streams (the first
 * hop) runs ahead of the hook's consumer (the second), by a whole round or more towards the end, so a later round's
 * span holds the second hop's work and little of the first's, and reads as half the cost it is. The first pass's
 * rounds are still reported, as progress, to show the JIT settling.
 */
final class PipelinePasses {
    private final Bench.Options options;
    private final ChatHooksConfig config;
    private final int partitions;
    private final BenchReport report;
    private final Admin admin;
    private final String bootstrap;
    private final Duration phaseTimeout;
    private final String latencyFloorTopic;
    private final Path workDir;

    /**
     * @param latencyFloorTopic a topic of the run with the input's partitions, for {@link LatencyFloor}'s relay
     * @param workDir the run's own files: the pipelines' state, and the embedded broker's logs when it has one
     */
    PipelinePasses(
            Bench.Options options,
            ChatHooksConfig config,
            BenchReport report,
            Admin admin,
            String bootstrap,
            Duration phaseTimeout,
            String latencyFloorTopic,
            Path workDir) {
        this.options = options;
        this.config = config;
        this.partitions = config.topicPartitions();
        this.report = report;
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.phaseTimeout = phaseTimeout;
        this.latencyFloorTopic = latencyFloorTopic;
        this.workDir = workDir;
    }

    /**
     * Measures the passes over the backlog of {@code events} (by round, in the order sent), then latency.
     *
     * @throws IllegalStateException if a pass does not make its calls within the phase timeout
     */
    void measure(BenchTraffic traffic, long[] events) throws Exception {
        int rounds = events.length;
        long markers = EndMarkers.callsPerPhase(partitions);
        long backlogEvents = LongStream.of(events).sum();
        LatencyProbe latency = new LatencyProbe();
        HeapPeak.reset();
        options.progress()
                .accept(String.format(
                        Locale.ROOT,
                        "3/7 The pipeline over the backlog, with a no-op hook, in passes: the first cold (%d rounds of"
                                + " which the first is measured), then warm ones, each measured whole, until the JIT"
                                + " has settled (at most %d passes in all)",
                        rounds,
                        options.sizes().pipelinePasses()));
        try (ProcessCpu cpu = ProcessCpu.start()) {
            BenchHook first = new BenchHook(latency, (int) markers);
            ChatHooksConfig firstConfig = passConfig("");
            try (ChatHooksMetrics metrics = passMetrics();
                    ChatHooksRuntime runtime = start(firstConfig, first, workDir.resolve("pipeline-1"), metrics)) {
                awaitPhase(first, firstConfig, rounds * markers);
            }
            List<RoundFigures> figures = RoundFigures.ofPipeline(cpu, first, events, options.progress());
            RoundFigures cold = figures.get(0);
            report.put("pipeline_events_per_s", cold.eventsPerSecond());
            report.put(
                    "pipeline_vs_passthrough",
                    cold.eventsPerSecond() / report.figures().get("passthrough_events_per_s"));
            report.put("pipeline_cpu_us_per_event", cold.cpuMicrosPerEvent());

            report.note(String.format(
                    Locale.ROOT,
                    "throughput: %d rounds of %,d conversation-keyed events, sent before the pipeline starts; cold"
                            + " is the first round of the first pass over them, from its first hook call to its last,"
                            + " warm the whole of a later pass (a new pipeline in the same JVM) from its first call"
                            + " to its last: the first whose JIT compiled under %.0f ms a second, or the last;"
                            + " the pass-through's warm round is the one before the last of its last pass",
                    rounds,
                    events[0],
                    RoundFigures.SETTLED_JIT_MILLIS_PER_SECOND));
            report.note("CPU per event: CPU time of this whole process (broker included) over the same span, per"
                    + " event; 10 ms resolution; jit_ms_per_s: the JIT's compilation over the warm span, per"
                    + " second");

            measureWarm(traffic, latency, cpu, rounds, backlogEvents);
        }
        report.put("peak_heap_mb", HeapPeak.megabytes());
        report.note(String.format(
                Locale.ROOT,
                "peak heap: this process (broker, load generator and pipeline) while the pipeline ran; maximum heap %,d MB",
                Runtime.getRuntime().maxMemory() >> 20));
    }

    /**
     * Runs warm passes until one finds the JIT settled, or the last the sizes allow; records that pass's figures
     * and measures latency on its pipeline, which is warm too.
     */
    private void measureWarm(BenchTraffic traffic, LatencyProbe latency, ProcessCpu cpu, int rounds, long backlogEvents)
            throws Exception {
        long markers = EndMarkers.callsPerPhase(partitions);
        for (int pass = 2; ; pass++) {
            BenchHook hook = new BenchHook(latency, (int) markers);
            ChatHooksConfig passConfig = passConfig(pass == 2 ? "-warm" : "-warm-" + pass);
            boolean last;
            try (ChatHooksMetrics metrics = passMetrics();
                    ChatHooksRuntime runtime = start(passConfig, hook, workDir.resolve("pipeline-" + pass), metrics)) {
                awaitPhase(hook, passConfig, rounds * markers);
                RoundFigures warm = RoundFigures.of(cpu, backlogEvents, hook.firstCallNanos(), hook.lastCallNanos());
                options.progress().accept(warm.describeWhole("  pipeline, pass " + pass + " (warm)", rounds));
                if (pass == 2) {
                    report.put("pipeline_pass2_cpu_us_per_event", warm.cpuMicrosPerEvent());
                }
                last = warm.jitSettled() || pass == options.sizes().pipelinePasses();
                if (last) {
                    putWarm(warm, pass);
                    measureLatency(traffic, latency, hook, passConfig, cpu, (rounds + 1) * markers);
                }
            }
            if (last) {
                measureLatencyFloor(traffic, passConfig, cpu); // with the pipeline closed: the floor's hops run alone
                measureSenderAlone(traffic, cpu);
                return;
            }
        }
    }

    private void putWarm(RoundFigures warm, int pass) {
        Map<String, Double> figures = report.figures();
        report.put("pipeline_warm_pass", pass);
        report.put("pipeline_warm_events_per_s", warm.eventsPerSecond());
        report.put(
                "pipeline_warm_vs_passthrough", warm.eventsPerSecond() / figures.get("passthrough_warm_events_per_s"));
        report.put("pipeline_warm_cpu_us_per_event", warm.cpuMicrosPerEvent());
        warm.putJitFigure(report, "pipeline_warm_jit_ms_per_s");
        double passthroughWarmCpu = figures.get("passthrough_warm_cpu_us_per_event");
        report.put("pipeline_warm_cpu_vs_passthrough", warm.cpuMicrosPerEvent() / passthroughWarmCpu);
        report.put(
                "two_hop_floor_cpu_vs_passthrough",
                (passthroughWarmCpu + figures.get("consumer_cpu_us_per_event")) / passthroughWarmCpu);
    }

    /** The run's configuration for one pass: its own application id, so its own state, groups and invocations. */
    private ChatHooksConfig passConfig(String suffix) {
        Map<String, String> keys = new TreeMap<>(config.asMap());
        keys.put("bootstrap.servers", bootstrap);
        keys.put("application.id", config.applicationId() + suffix);
        return ChatHooksConfig.of(keys);
    }

    /**
     * A pass's metrics registry, which the bench closes after the pass's runtime: a runtime leaves open a registry it
     * is given, and an open registry's binders (Kafka's, with a thread each) kept the closed pass's whole pipeline
     * reachable beside the next pass's (about 50 MB of a 512 MB heap).
     */
    private ChatHooksMetrics passMetrics() {
        return options.metrics() ? ChatHooksMetrics.create() : ChatHooksMetrics.disabled();
    }

    private ChatHooksRuntime start(
            ChatHooksConfig passConfig, BenchHook hook, Path stateDir, ChatHooksMetrics metrics) {
        return ChatHooksRuntime.start(new ChatHooksRuntime.Options(
                passConfig,
                List.of(options.asyncHook() ? LoadedHook.of(new AsyncBenchHook(hook)) : LoadedHook.of(hook)),
                stateDir,
                null,
                message -> {},
                null,
                metrics));
    }

    private void measureLatency(
            BenchTraffic traffic,
            LatencyProbe latency,
            BenchHook hook,
            ChatHooksConfig passConfig,
            ProcessCpu cpu,
            long markerCalls)
            throws Exception {
        BenchTraffic.Paced paced = sendSteadily(traffic, "4/7 Latency", latency, "latency");
        awaitPhase(hook, passConfig, markerCalls);
        putSteadyCpu("latency_cpu_us_per_event", cpu, paced);
        Histogram histogram = latency.histogram();
        report.put("latency_p50_ms", histogram.getValueAtPercentile(50) / 1000.0);
        report.put("latency_p99_ms", histogram.getValueAtPercentile(99) / 1000.0);
        report.put("latency_max_ms", histogram.getMaxValue() / 1000.0);
        report.note(String.format(
                Locale.ROOT,
                "latency: %,d calls measured, produce (chat server's send, linger.ms %s) to hook call; p99.9 %.2f ms",
                histogram.getTotalCount(),
                options.chatLingerMs().isPresent() ? options.chatLingerMs().getAsInt() : "Kafka's default",
                histogram.getValueAtPercentile(99.9) / 1000.0));
        report.note("CPU per event at a steady rate (latency_cpu_us_per_event, latency_floor_cpu_us_per_event,"
                + " latency_sender_cpu_us_per_event: the chat server alone, nothing reading): this whole process"
                + " (chat server, broker and what carries the events) over the measured part of the phase, per event"
                + " sent in it");
    }

    /** The latency of two bare hops ({@link LatencyFloor}) at the latency phase's rate, with the same chat server. */
    private void measureLatencyFloor(BenchTraffic traffic, ChatHooksConfig passConfig, ProcessCpu cpu)
            throws Exception {
        try (LatencyFloor floor = new LatencyFloor(
                bootstrap,
                StreamsProperties.of(passConfig),
                passConfig.topics().conversationKeyed(),
                latencyFloorTopic,
                partitions)) {
            BenchTraffic.Paced paced = sendSteadily(
                    traffic,
                    "  the floor: the same traffic through two bare Kafka hops,",
                    floor.probe(),
                    "latency-floor");
            Histogram histogram = floor.await(phaseTimeout);
            putSteadyCpu("latency_floor_cpu_us_per_event", cpu, paced);
            report.put("latency_floor_p50_ms", histogram.getValueAtPercentile(50) / 1000.0);
            report.put("latency_floor_p99_ms", histogram.getValueAtPercentile(99) / 1000.0);
        }
        report.note("latency floor: the same chat server's events through a bare relay (a consumer and a producer"
                + " with Kafka Streams' producer settings) to a bare consumer, with the pipeline closed");
    }

    /**
     * The chat server alone at the latency phase's rate, nothing reading what it writes: its producer's and the
     * broker's share of the two steady-rate CPU figures before, so that what carries the events can be told apart.
     */
    private void measureSenderAlone(BenchTraffic traffic, ProcessCpu cpu) throws IOException {
        BenchTraffic.Paced paced = sendSteadily(
                traffic,
                "  the chat server alone, nothing reading what it sends,",
                new LatencyProbe(), // told of each event as in the other phases, so their pacing costs the same
                "latency-sender");
        putSteadyCpu("latency_sender_cpu_us_per_event", cpu, paced);
    }

    /**
     * Sends the traffic at the latency phase's rate, for its warm-up and measured time, with a chat server producer
     * of its own, telling {@code probe} of the measured events; says so first, as {@code what} at that rate. The
     * run's files are written to disk first ({@link DiskFlush}), so that the write-back of an earlier phase's records
     * does not fall into this one.
     */
    private BenchTraffic.Paced sendSteadily(BenchTraffic traffic, String what, LatencyProbe probe, String phase)
            throws IOException {
        BenchSizes sizes = options.sizes();
        DiskFlush.Flushed flushed = DiskFlush.flush(workDir);
        options.progress()
                .accept(String.format(
                        Locale.ROOT,
                        "%s at %,d events/s for %d s (after %d s of warm-up; the run's %,d files written to disk"
                                + " first, in %,d ms)",
                        what,
                        sizes.latencyRate(),
                        sizes.latencyMeasured().toSeconds(),
                        sizes.latencyWarmUp().toSeconds(),
                        flushed.files(),
                        flushed.millis()));
        try (var producer = BenchTraffic.chatServerProducer(bootstrap, options.chatLingerMs())) {
            return traffic.sendPaced(
                    producer, sizes.latencyRate(), sizes.latencyWarmUp(), sizes.latencyMeasured(), probe, phase);
        }
    }

    /**
     * The process's CPU per event over the measured part of a phase at a steady rate: the chat server, the broker and
     * what carries the events, as a service sees live traffic (small polls and batches), not a backlog. The few
     * events in flight at either end of the span are about as many, so they cancel out.
     */
    private void putSteadyCpu(String key, ProcessCpu cpu, BenchTraffic.Paced paced) {
        if (paced.measuredEvents() == 0) {
            throw new IllegalStateException("no event was sent in the measured part of the phase for " + key);
        }
        report.put(
                key,
                RoundFigures.of(cpu, paced.measuredEvents(), paced.measuredFromNanos(), paced.measuredToNanos())
                        .cpuMicrosPerEvent());
    }

    /**
     * Waits until the hook has made the end markers' calls, then until it has made a call for every record of the
     * pass's invocations topic: the phase's last call is then made.
     */
    private void awaitPhase(BenchHook hook, ChatHooksConfig passConfig, long markerCalls) throws Exception {
        awaitUntil(markerCalls + " end-marker calls", hook::markerCalls, markerCalls);
        long invocations = endOffsetsSum(passConfig.topics().invocations());
        awaitUntil(invocations + " hook calls", hook::calls, invocations);
    }

    private void awaitUntil(String what, LongSupplier made, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + phaseTimeout.toNanos();
        while (made.getAsLong() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not make " + what + " within "
                        + phaseTimeout.toMinutes() + " minutes, only " + made.getAsLong());
            }
            Thread.sleep(10);
        }
    }

    private long endOffsetsSum(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }
}

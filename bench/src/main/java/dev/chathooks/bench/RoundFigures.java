package dev.chathooks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What one round of the backlog measured, from its first record (or call) to its last.
 *
 * @param eventsPerSecond events of the round per second of it
 * @param cpuMicrosPerEvent this process's CPU time over the round, per event, in microseconds
 * @param jitMillisPerSecond the JIT compilers' compilation time over the round, per second of it; -1 when the JVM
 *     does not report it. Hundreds mean the JIT was still compiling, and the CPU figure holds its work.
 */
record RoundFigures(double eventsPerSecond, double cpuMicrosPerEvent, double jitMillisPerSecond) {
    /**
     * What the JIT may still compile, in milliseconds a second, for a span to be called settled: a cold round reads
     * about 1,000, a settled one tens.
     */
    static final double SETTLED_JIT_MILLIS_PER_SECOND = 100;

    /** Measures a round of {@code events} from {@code startNanos} to {@code endNanos} ({@link System#nanoTime()}). */
    static RoundFigures of(ProcessCpu cpu, long events, long startNanos, long endNanos) {
        double seconds = (endNanos - startNanos) / 1e9;
        long jitMillis = cpu.jitMillisBetween(startNanos, endNanos);
        return new RoundFigures(
                events / seconds,
                cpu.nanosBetween(startNanos, endNanos) / 1e3 / events,
                jitMillis < 0 ? -1 : jitMillis / seconds);
    }

    /**
     * The pipeline's rounds, but the last, by when the hook was called for their end markers; tells
     * {@code progress} each one's figures and how far its partitions were apart.
     *
     * @param events the events of each round, in the order sent, each round named {@code round-N} from 0
     */
    static List<RoundFigures> ofPipeline(ProcessCpu cpu, BenchHook hook, long[] events, Consumer<String> progress) {
        List<RoundFigures> figures = new ArrayList<>();
        for (int round = 0; round < events.length - 1; round++) {
            long start = round == 0 ? hook.firstCallNanos() : hook.phaseEndNanos("round-" + (round - 1));
            long end = hook.phaseEndNanos("round-" + round);
            RoundFigures measured = of(cpu, events[round], start, end);
            figures.add(measured);
            progress.accept(measured.describe("  pipeline", round, events.length)
                    + String.format(
                            Locale.ROOT,
                            "; the first partition was done %.0f ms before the last",
                            (end - hook.phaseFirstEndNanos("round-" + round)) / 1e6));
        }
        return figures;
    }

    /**
     * Whether the JIT compiled less than {@link #SETTLED_JIT_MILLIS_PER_SECOND} over the round (true when the JVM
     * does not report it, since nothing can be waited for then).
     */
    boolean jitSettled() {
        return jitMillisPerSecond < SETTLED_JIT_MILLIS_PER_SECOND;
    }

    /** Records the JIT's figure under {@code key}, unless the JVM did not report it (then it is left out). */
    void putJitFigure(BenchReport report, String key) {
        if (jitMillisPerSecond >= 0) {
            report.put(key, jitMillisPerSecond);
        }
    }

    /** A line of progress for a span of {@code rounds} whole rounds: "pipeline, pass 2 (warm), all 7 rounds: ...". */
    String describeWhole(String what, int rounds) {
        return String.format(Locale.ROOT, "%s, all %d rounds: %s", what, rounds, figuresText());
    }

    /**
     * A line of progress: "pass-through, round 2 of 5 (warm-up): 250,000 events/s, ...". Of {@code rounds}, the
     * first is cold, the one before the last warm, the last only keeps the pipeline's partitions busy.
     */
    String describe(String what, int round, int rounds) {
        String which = round == 0 ? "cold" : round == rounds - 2 ? "warm" : round == rounds - 1 ? "last" : "warm-up";
        return String.format(Locale.ROOT, "%s, round %d of %d (%s): %s", what, round + 1, rounds, which, figuresText());
    }

    private String figuresText() {
        return String.format(
                Locale.ROOT,
                "%,.0f events/s, %.1f µs of CPU an event, the JIT compiling %.0f ms a second",
                eventsPerSecond,
                cpuMicrosPerEvent,
                jitMillisPerSecond);
    }
}

package dev.chathooks.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Two rates measured in one JVM against the same servers, such as a hook's and the bare client's it is compared
 * with, in rounds that take turns, after a warm-up of both that lasts until the JIT has settled. Both share the JIT
 * and the servers' warm-up, so measuring all of one before the other would give the second what the first paid
 * for, and the machine's passing load to only one of them; and a round measured while the JIT still compiles for
 * most of a core reads the code with more of it (the hook's) as slower than it is.
 */
public final class TakingTurns {
    /** One round: what it measured, per second. */
    @FunctionalInterface
    public interface Round {
        double perSecond() throws Exception;
    }

    /** The median of each side's rounds. */
    public record Medians(double first, double second) {}

    private TakingTurns() {}

    /**
     * Runs a pair of unmeasured rounds (first, then second) until the JIT compiled less than 100 ms a second over
     * the last pair, or {@code mostWarmUp} has passed, at least once; then {@code rounds} rounds of each in turns.
     *
     * @param rounds measured rounds of each, at least 1
     */
    public static Medians measure(int rounds, Duration mostWarmUp, Round first, Round second) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitReported = jit != null && jit.isCompilationTimeMonitoringSupported();
        long warmUpEnd = System.nanoTime() + mostWarmUp.toNanos();
        boolean settled;
        do {
            long startNanos = System.nanoTime();
            long startJit = jitReported ? jit.getTotalCompilationTime() : 0;
            first.perSecond();
            second.perSecond();
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            settled = !jitReported
                    || (jit.getTotalCompilationTime() - startJit) / seconds
                            < RoundFigures.SETTLED_JIT_MILLIS_PER_SECOND;
        } while (!settled && System.nanoTime() < warmUpEnd);
        List<Double> firstRates = new ArrayList<>();
        List<Double> secondRates = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            firstRates.add(first.perSecond());
            secondRates.add(second.perSecond());
        }
        return new Medians(median(firstRates), median(secondRates));
    }

    private static double median(List<Double> rates) {
        rates.sort(Comparator.naturalOrder());
        return rates.size() % 2 == 1
                ? rates.get(rates.size() / 2)
                : (rates.get(rates.size() / 2 - 1) + rates.get(rates.size() / 2)) / 2;
    }
}

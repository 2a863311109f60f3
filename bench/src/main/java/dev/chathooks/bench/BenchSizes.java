package dev.chathooks.bench;

import java.time.Duration;

/**
 * How much work each measurement of {@link Bench} does.
 *
 * @param users simulated users (each with a users record and a devices record)
 * @param conversations simulated conversations
 * @param events conversation-keyed input records of the throughput measurements (creations included)
 * @param latencyRate events per second of the latency measurement
 * @param latencyWarmUp how long the latency measurement sends before it starts recording
 * @param latencyMeasured how long it sends while recording
 * @param fanoutMembers members of the conversation of the fan-out measurement
 * @param fanoutRounds measured rounds of each fan-out figure (their median is reported)
 * @param webhookCalls calls of each round of the webhook figures
 * @param webhookRounds measured rounds of each webhook figure (their median is reported)
 * @param startupRuns fresh processes whose start-up is timed (their median is reported)
 * @param warmUpRounds backlogs of {@code events} each that run through the pass-through and the pipeline, unmeasured,
 *                     between the cold round and the warm one, for the JIT to settle
 * @param passthroughPasses the most passes the pass-through makes over the backlog for its JIT to settle (it stops
 *                          at the first whose warm round finds it settled)
 * @param pipelinePasses the most passes the pipeline makes over the backlog, at least 2: a cold one, then warm ones
 *                       until one finds the JIT settled (the last is measured whether it is or not)
 * @param pluginWarmUp the longest warm-up of the push and webhook figures, which warm up until the JIT has settled
 */
public record BenchSizes(
        int users,
        int conversations,
        int events,
        int latencyRate,
        Duration latencyWarmUp,
        Duration latencyMeasured,
        int fanoutMembers,
        int fanoutRounds,
        int webhookCalls,
        int webhookRounds,
        int startupRuns,
        int warmUpRounds,
        int passthroughPasses,
        int pipelinePasses,
        Duration pluginWarmUp) {
    public BenchSizes {
        if (users < 2
                || conversations < 1
                || events < 1
                || latencyRate < 1
                || fanoutMembers < 2
                || fanoutRounds < 1
                || webhookCalls < 1
                || webhookRounds < 1
                || startupRuns < 1
                || warmUpRounds < 0
                || passthroughPasses < 1
                || pipelinePasses < 2) {
            throw new IllegalArgumentException("every size must be positive (users, members and pipeline passes at"
                    + " least 2, warm-up rounds at least 0)");
        }
        if (pluginWarmUp.isNegative()) {
            throw new IllegalArgumentException("the plugins' warm-up must not be negative");
        }
        if (latencyWarmUp.isNegative() || latencyMeasured.isNegative() || latencyMeasured.isZero()) {
            throw new IllegalArgumentException("the latency measurement needs a positive duration");
        }
    }

    /** The same sizes with {@code rounds} warm-up rounds. */
    public BenchSizes withWarmUpRounds(int rounds) {
        return with(latencyRate, rounds);
    }

    /** The same sizes with the latency phases sending {@code eventsPerSecond}. */
    public BenchSizes withLatencyRate(int eventsPerSecond) {
        return with(eventsPerSecond, warmUpRounds);
    }

    private BenchSizes with(int latencyRate, int warmUpRounds) {
        return new BenchSizes(
                users,
                conversations,
                events,
                latencyRate,
                latencyWarmUp,
                latencyMeasured,
                fanoutMembers,
                fanoutRounds,
                webhookCalls,
                webhookRounds,
                startupRuns,
                warmUpRounds,
                passthroughPasses,
                pipelinePasses,
                pluginWarmUp);
    }

    /** The full run whose figures {@code docs/benchmarks.md} quotes: about seven minutes. */
    public static BenchSizes full() {
        return new BenchSizes(
                20_000,
                5_000,
                300_000,
                5_000,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                10_000,
                3,
                20_000,
                3,
                3,
                4,
                8,
                4,
                Duration.ofSeconds(20));
    }

    /** A run of about a minute and a half, with the same rate and fan-out but shorter measurements. */
    public static BenchSizes quick() {
        return new BenchSizes(
                5_000,
                2_000,
                60_000,
                5_000,
                Duration.ofSeconds(3),
                Duration.ofSeconds(12),
                10_000,
                1,
                10_000,
                1,
                1,
                4,
                8,
                3,
                Duration.ofSeconds(20));
    }

    /** Seconds of work, to keep the command working in tests; its figures mean nothing. */
    public static BenchSizes tiny() {
        return new BenchSizes(
                40,
                20,
                400,
                200,
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                20,
                1,
                50,
                1,
                1,
                1,
                1,
                2,
                Duration.ZERO);
    }
}

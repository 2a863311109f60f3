package dev.chathooks.processor.metrics;

import dev.chathooks.api.HookKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One hook's calls: {@code chathooks_hook_calls_total{hook,kind,outcome}}, the histograms
 * {@code chathooks_hook_call_seconds{hook,kind}} (from the first attempt to the outcome, retries included) and
 * {@code chathooks_hook_latency_seconds{hook}} (from the event's timestamp to the hook finishing with it),
 * and {@code chathooks_hook_in_flight{hook}}. The dispatcher tells it of each call; the CLI's status lines and tests
 * read the totals. Thread-safe; every meter is made up front, so counting a call allocates nothing.
 *
 * <p>Outcomes: {@code succeeded} and {@code dead_lettered} once per call, {@code retried} once per attempt after
 * the first, {@code skipped} once per invocation skipped as a duplicate. Invocations of kinds the hook does not
 * handle are not calls; they are only counted for {@link #skippedKind()}. A call whose kind could not be read (an
 * invocation that cannot be decoded) is counted under kind {@code unknown}.
 */
public final class HookCallMetrics {
    private static final String UNKNOWN_KIND = "unknown";
    private static final int UNKNOWN = HookKind.values().length;

    private enum Outcome {
        SUCCEEDED,
        RETRIED,
        DEAD_LETTERED,
        SKIPPED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String hook;
    /** By kind ordinal (and {@link #UNKNOWN}), then outcome ordinal. */
    private final Counter[][] calls;

    private final Timer[] durations;
    private final Timer latency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder started = new LongAdder();
    private final LongAdder skippedKind = new LongAdder();

    HookCallMetrics(MeterRegistry registry, String hook) {
        this.hook = hook;
        int kinds = HookKind.values().length + 1;
        calls = new Counter[kinds][Outcome.values().length];
        durations = new Timer[kinds];
        for (int kind = 0; kind < kinds; kind++) {
            String kindLabel = kind == UNKNOWN ? UNKNOWN_KIND : HookKind.values()[kind].seedName();
            for (Outcome outcome : Outcome.values()) {
                calls[kind][outcome.ordinal()] = Counter.builder(MetricNames.HOOK_CALLS)
                        .description("Hook calls and their outcomes; retried counts the attempts after the first")
                        .tag("hook", hook)
                        .tag("kind", kindLabel)
                        .tag("outcome", outcome.label())
                        .register(registry);
            }
            durations[kind] = MetricNames.histogram(MetricNames.HOOK_CALL)
                    .description("Duration of hook calls, from the first attempt to the outcome, retries included")
                    .tag("hook", hook)
                    .tag("kind", kindLabel)
                    .register(registry);
        }
        latency = MetricNames.histogram(MetricNames.HOOK_LATENCY)
                .description("Time from an event's timestamp to the hook finishing with it")
                .tag("hook", hook)
                .register(registry);
        Gauge.builder(MetricNames.HOOK_IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Hook calls in flight")
                .tag("hook", hook)
                .strongReference(true)
                .register(registry);
    }

    /** Meters in a registry of their own that nothing publishes: for a dispatcher used without a process. */
    public static HookCallMetrics unpublished(String hook) {
        return new HookCallMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), hook);
    }

    /** The hook's name. */
    public String hook() {
        return hook;
    }

    /** An invocation of a kind the hook does not handle, or meant for another hook: no call. */
    public void notForThisHook() {
        skippedKind.increment();
    }

    /** An invocation skipped because the de-duplication window had seen its event id. */
    public void skippedDuplicate(HookKind kind) {
        calls[kind.ordinal()][Outcome.SKIPPED.ordinal()].increment();
    }

    /**
     * A call begins.
     *
     * @return its start, to give to {@link #finished} or {@link #abandoned}
     */
    public long started() {
        started.increment();
        inFlight.incrementAndGet();
        return System.nanoTime();
    }

    /**
     * A call ended.
     *
     * @param kind its kind
     * @param startNanos what {@link #started()} returned
     * @param eventTimeMillis the event's timestamp, epoch milliseconds (negative when unknown)
     * @param attempts attempts made
     * @param succeeded true if the hook succeeded, false if the call is dead-lettered
     */
    public void finished(HookKind kind, long startNanos, long eventTimeMillis, int attempts, boolean succeeded) {
        inFlight.decrementAndGet();
        Counter[] byOutcome = calls[kind.ordinal()];
        if (attempts > 1) {
            byOutcome[Outcome.RETRIED.ordinal()].increment(attempts - 1);
        }
        durations[kind.ordinal()].record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        if (eventTimeMillis >= 0) {
            latency.record(Math.max(0, System.currentTimeMillis() - eventTimeMillis), TimeUnit.MILLISECONDS);
        }
        // The outcome last, so that a call counted finished has its duration and latency recorded already. A scrape
        // reads the meters one after another, in no fixed order (the Prometheus registry keeps them in a hash set),
        // so within one scrape they may still differ by the calls that finished while it read.
        byOutcome[(succeeded ? Outcome.SUCCEEDED : Outcome.DEAD_LETTERED).ordinal()].increment();
    }

    /** A call cut short by the shutdown: its record is left to the next owner, so it has no outcome here. */
    public void abandoned(HookKind kind, int attempts) {
        inFlight.decrementAndGet();
        if (attempts > 1) {
            calls[kind.ordinal()][Outcome.RETRIED.ordinal()].increment(attempts - 1);
        }
    }

    /** A record dead-lettered before the hook could be called (it could not be decoded or resolved). */
    public void deadLetteredUncalled(HookKind kind) {
        calls[kind == null ? UNKNOWN : kind.ordinal()][Outcome.DEAD_LETTERED.ordinal()].increment();
    }

    /** Calls begun (each counted once, however many attempts it took). */
    public long calls() {
        return started.sum();
    }

    /** Calls that succeeded. */
    public long succeeded() {
        return total(Outcome.SUCCEEDED);
    }

    /** Calls that failed for good, or could not be made, and went to the dead-letter topic. */
    public long deadLettered() {
        return total(Outcome.DEAD_LETTERED);
    }

    /** Attempts beyond the first. */
    public long retries() {
        return total(Outcome.RETRIED);
    }

    /** Invocations skipped because the de-duplication window had seen their event id. */
    public long skippedDuplicate() {
        return total(Outcome.SKIPPED);
    }

    /** Invocations of kinds the hook does not handle, or meant for another hook. */
    public long skippedKind() {
        return skippedKind.sum();
    }

    /** Calls in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    private long total(Outcome outcome) {
        double sum = 0;
        for (Counter[] byOutcome : calls) {
            sum += byOutcome[outcome.ordinal()].count();
        }
        return Math.round(sum);
    }

    @Override
    public String toString() {
        return "calls=" + calls() + ", succeeded=" + succeeded() + ", dead-lettered=" + deadLettered() + ", retries="
                + retries() + ", duplicates skipped=" + skippedDuplicate();
    }
}

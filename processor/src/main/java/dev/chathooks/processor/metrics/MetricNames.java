package dev.chathooks.processor.metrics;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The names of the processor's own meters, as Micrometer takes them (Prometheus shows dots as underscores). */
final class MetricNames {
    static final String EVENTS = "chathooks.events";
    static final String REJECTED = "chathooks.rejected";
    static final String INVOCATIONS = "chathooks.invocations";
    static final String CONVERSATION_WAIT = "chathooks.conversation.wait";
    static final String HOOK_CALLS = "chathooks.hook.calls";
    static final String HOOK_CALL = "chathooks.hook.call";
    static final String HOOK_LATENCY = "chathooks.hook.latency";
    static final String HOOK_IN_FLIGHT = "chathooks.hook.in.flight";
    static final String HOOK_LAG = "chathooks.hook.lag.records";
    static final String UNAVAILABLE_PARTITIONS = "chathooks.unavailable.partitions";
    /** Hooks' own meters may not use the processor's prefix. */
    static final String RESERVED_PREFIX = "chathooks";

    /**
     * Histogram buckets of durations, from a millisecond to a minute: a fixed, short list (rather than Micrometer's
     * percentile histogram of about 70 buckets) keeps both the recording and the exposition small.
     */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
    };

    private MetricNames() {}

    /** A timer builder published as a Prometheus histogram with {@link #BUCKETS}. */
    static Timer.Builder histogram(String name) {
        return Timer.builder(name).serviceLevelObjectives(BUCKETS).publishPercentileHistogram(false);
    }
}

package dev.chathooks.api;

import java.time.Duration;

/**
 * A hook's own figures, published by the processor next to its own metrics (on its management endpoint's
 * {@code /metrics}), each with a {@code hook} label naming the hook. Get it from {@link HookContext#metrics()}.
 *
 * <p>The contract:
 * <ol>
 *   <li>A name is lower case, {@code [a-z][a-z0-9_]*}, and does not start with {@code chathooks_} (the processor's
 *       own metrics). Prefix it with the hook's domain, such as {@code push_notifications_sent}. A counter is
 *       published with {@code _total} appended, a timer in seconds as a histogram.</li>
 *   <li>Tags are given as key, value pairs: {@code counter("push_notifications_rejected", "platform", "apns",
 *       "reason", "BadDeviceToken")}. Keys follow the name's rule and may not be {@code hook}. One name always
 *       takes the same keys.</li>
 *   <li>Tag values must be few and known in advance (a platform, a reason code): never an id, a token, a message
 *       body or anything unbounded, since each distinct value is a new time series kept for the process's
 *       life.</li>
 *   <li>Asking again with the same name and tags gives the same meter; ask once and keep it on hot paths.</li>
 *   <li>Meters are thread-safe. A name or tag that breaks these rules gives an {@link IllegalArgumentException}.</li>
 * </ol>
 */
public interface HookMetrics {
    /**
     * The counter {@code name} with {@code tags}.
     *
     * @param name the metric's name, without {@code _total}
     * @param tags key, value pairs
     * @throws IllegalArgumentException if the name or tags break the rules above
     */
    Counter counter(String name, String... tags);

    /**
     * The timer {@code name} with {@code tags}, a histogram of durations in seconds.
     *
     * @param name the metric's name, without a unit ({@code _seconds} is appended)
     * @param tags key, value pairs
     * @throws IllegalArgumentException if the name or tags break the rules above
     */
    Timer timer(String name, String... tags);

    /** Metrics that record nothing: what a context that publishes no metrics gives. */
    static HookMetrics none() {
        return NoHookMetrics.INSTANCE;
    }

    /** Counts something that only goes up. */
    interface Counter {
        /** Adds one. */
        void increment();

        /**
         * Adds {@code amount}.
         *
         * @throws IllegalArgumentException if {@code amount} is negative
         */
        void add(long amount);
    }

    /** Records how long things took. */
    interface Timer {
        /**
         * Records one duration.
         *
         * @throws IllegalArgumentException if {@code duration} is negative
         */
        void record(Duration duration);

        /** Records the time elapsed since {@code startNanos}, a value of {@link System#nanoTime()}. */
        default void recordSince(long startNanos) {
            record(Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos)));
        }
    }
}

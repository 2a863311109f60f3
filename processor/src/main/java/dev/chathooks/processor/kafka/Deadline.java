package dev.chathooks.processor.kafka;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The end of a time budget shared by several Admin calls. */
final class Deadline {
    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    /** What is left, at least 1 ms: a timeout of 0 would mean "no timeout" to some calls. */
    int remainingMillis() {
        long remaining = TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining));
    }

    void sleep(Duration pause) {
        try {
            Thread.sleep(Math.min(pause.toMillis(), remainingMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("Interrupted while waiting for Kafka", e);
        }
    }
}

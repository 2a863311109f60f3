package dev.chathooks.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that real brokers and threads make true eventually. The timeout is a safety net, not a
 * measurement: it is generous, and a test that hits it fails with what it was waiting for.
 */
public final class Await {
    /** What tests wait for at most by default: long enough for a rebalance on a busy machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Await() {}

    /** Waits until {@code condition} holds, failing with {@code description} after {@link #DEFAULT_TIMEOUT}. */
    public static void until(String description, BooleanSupplier condition) {
        until(description, DEFAULT_TIMEOUT, condition, () -> "");
    }

    /**
     * Waits until {@code condition} holds, failing after {@code timeout} with {@code description} and what
     * {@code state} says about the state at that time.
     */
    public static void until(String description, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                String detail = state.get();
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting until " + description
                        + (detail.isEmpty() ? "" : "; " + detail));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting until " + description, e);
            }
        }
    }
}

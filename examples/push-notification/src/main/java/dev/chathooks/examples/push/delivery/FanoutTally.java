package dev.chathooks.examples.push.delivery;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Counts the outcomes of one hook call's notifications. Thread-safe. */
public final class FanoutTally {
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger failedTransient = new AtomicInteger();
    private final AtomicInteger failedPermanent = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    /** A notification was accepted. */
    public void accepted() {
        accepted.incrementAndGet();
    }

    /** A notification's token was rejected (and reported). */
    public void rejected() {
        rejected.incrementAndGet();
    }

    /** A notification failed: transiently after all retries, or for good. */
    public void failed(Throwable failure, boolean permanent) {
        (permanent ? failedPermanent : failedTransient).incrementAndGet();
        firstFailure.compareAndSet(null, failure);
    }

    public int acceptedCount() {
        return accepted.get();
    }

    public int rejectedCount() {
        return rejected.get();
    }

    public int failedTransientCount() {
        return failedTransient.get();
    }

    public int failedPermanentCount() {
        return failedPermanent.get();
    }

    /** The first failure recorded, or null. */
    public Throwable firstFailure() {
        return firstFailure.get();
    }
}

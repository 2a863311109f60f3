package dev.chathooks.processor.dispatch.consumer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-pressure: counts the records fetched and not finished, pauses fetching when fewer than one poll's worth of
 * room is left under {@code maxInFlight}, and resumes when there is room again, waking the poll thread from the
 * thread that made the room. {@link #admit} and {@link #applyBackPressure} run on the poll thread; {@link #release}
 * on any thread.
 */
final class InFlightGate {
    private static final Logger LOG = LoggerFactory.getLogger(InFlightGate.class);

    /** How the gate reaches the poll thread, which may be blocked in a poll while fetching is paused. */
    interface Waker {
        /** False on the poll thread itself (it looks at the gate before its next poll) and once closing. */
        boolean mayWake();

        /** Wakes the poll thread out of its poll. */
        void wake();
    }

    private final String name;
    private final int maxInFlight;
    private final int maxPollRecords;
    private final Waker waker;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicLong pauses = new AtomicLong();
    /** Published before the poll thread pauses, read by completions to know when to wake it. */
    private volatile boolean pausing;

    private final AtomicBoolean wakeupSent = new AtomicBoolean();
    /** Whether fetching is paused, as the poll thread last set it. */
    private boolean paused;

    InFlightGate(String name, int maxInFlight, int maxPollRecords, Waker waker) {
        this.name = name;
        this.maxInFlight = maxInFlight;
        this.maxPollRecords = maxPollRecords;
        this.waker = waker;
    }

    /** Counts a fetched record in flight. Poll thread. */
    void admit() {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
    }

    /** Counts {@code count} records out of flight and wakes the poll thread if that makes room to resume. */
    void release(int count) {
        if (count == 0) {
            return;
        }
        int now = inFlight.addAndGet(-count);
        if (pausing
                && maxInFlight - now >= maxPollRecords
                && waker.mayWake()
                && wakeupSent.compareAndSet(false, true)) {
            waker.wake();
        }
    }

    /** Pauses fetching when a full poll would not fit in the bound, resumes when it would. Poll thread. */
    void applyBackPressure(Consumer<byte[], byte[]> consumer) {
        boolean full = maxInFlight - inFlight.get() < maxPollRecords;
        if (full) {
            pausing = true;
            // A completion that ran before it could see `pausing` may have made room: look again.
            full = maxInFlight - inFlight.get() < maxPollRecords;
        }
        if (full) {
            if (!paused) {
                paused = true;
                pauses.incrementAndGet();
                LOG.debug("{}: {} records in flight, pausing fetches", name, inFlight.get());
            }
            // Every time: partitions assigned since the last pause must not fetch either.
            consumer.pause(consumer.assignment());
        } else {
            pausing = false;
            wakeupSent.set(false);
            if (paused) {
                paused = false;
                consumer.resume(consumer.paused());
                LOG.debug("{}: {} records in flight, resuming fetches", name, inFlight.get());
            }
        }
    }

    /** Whether fetching is paused now, so that newly assigned partitions must be paused too. Poll thread. */
    boolean fetchingPaused() {
        return paused;
    }

    int inFlight() {
        return inFlight.get();
    }

    int peakInFlight() {
        return peakInFlight.get();
    }

    long pauses() {
        return pauses.get();
    }

    /** Whether the poll thread is pausing fetches, as other threads see it. */
    boolean pausing() {
        return pausing;
    }
}

package dev.chathooks.processor.dispatch;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ends the attempts of one hook that run past their deadline. One sweep, repeated while any attempt runs, looks at
 * them all, instead of a timer set and cancelled for every attempt: that timer (Failsafe's timeout policy) took a
 * fifth of the dispatch thread's time at tens of thousands of calls a second. An attempt is ended at most a tenth
 * of the timeout late (at least 5 ms, at most a second). Thread-safe.
 */
final class AttemptDeadlines {
    /** An attempt being timed. */
    interface Timed {
        /** When it must have finished, on {@link System#nanoTime()}. */
        long deadlineNanos();

        /** Ends it as timed out; called at most once, on the timer's thread, and must not block. */
        void expire();
    }

    private final long periodNanos;
    private final Set<Timed> running = ConcurrentHashMap.newKeySet();
    private final DispatchTimer sweeps = new DispatchTimer(this::sweep);

    /** @param timeout the attempts' timeout, which sets how often they are looked at */
    AttemptDeadlines(Duration timeout) {
        long tenth = timeout.toNanos() / 10;
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(TimeUnit.SECONDS.toNanos(1), tenth));
    }

    /** Times {@code attempt} until {@link #finished} or its deadline. */
    void started(Timed attempt) {
        running.add(attempt);
        sweeps.schedule(periodNanos);
    }

    /** Stops timing {@code attempt}. */
    void finished(Timed attempt) {
        running.remove(attempt);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Timed attempt : running) {
            if (now - attempt.deadlineNanos() >= 0 && running.remove(attempt)) {
                try {
                    attempt.expire();
                } catch (RuntimeException e) {
                    // expire() must not throw; if it does, the other attempts are still timed
                }
            }
        }
        if (!running.isEmpty()) {
            sweeps.schedule(periodNanos);
        }
    }
}

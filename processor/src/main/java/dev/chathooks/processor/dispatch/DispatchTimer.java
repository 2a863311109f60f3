package dev.chathooks.processor.dispatch;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A check that runs on dispatch's one timer thread, scheduled at most once at a time: the attempts' time-outs
 * ({@link AttemptDeadlines}) and the hook threads' look at waiting attempts ({@link HookThreads}) each keep one,
 * and schedule it again from the check itself while there is something to look at. The check must be quick and
 * must not block: every hook's checks share the thread. Thread-safe.
 */
final class DispatchTimer {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-hooks-dispatch-timer");
        thread.setDaemon(true);
        return thread;
    });

    private final Runnable check;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param check what to run; a run that finds more to look at schedules it again */
    DispatchTimer(Runnable check) {
        this.check = check;
    }

    /**
     * Runs the check after {@code delayNanos}, unless a run is scheduled already. A run clears that before the
     * check starts, so whatever is added during a check schedules the next one (or the check does).
     */
    void schedule(long delayNanos) {
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            TIMER.schedule(this::run, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void run() {
        scheduled.set(false);
        check.run();
    }
}

package dev.chathooks.processor.dispatch;

import dev.failsafe.spi.DefaultScheduledFuture;
import dev.failsafe.spi.Scheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Whether a hook's {@link HookCallRunner} waits out the backoff between attempts. Live runs and replays wait, as
 * configured; a hook author's test skips the waits, so that it sees the same attempts, retries and dead letters
 * without sleeping through them.
 */
public enum RetryWaits {
    /** Waits the configured backoff, with jitter. */
    REAL,
    /** Makes the next attempt at once; the number of attempts and what ends them are unchanged. */
    SKIPPED;

    /** A Failsafe scheduler that runs what it is given at once, whatever the delay asked for. */
    static Scheduler immediateScheduler() {
        return RetryWaits::runNow;
    }

    private static DefaultScheduledFuture<Object> runNow(Callable<?> callable, long delay, TimeUnit unit) {
        FutureTask<Object> task = new FutureTask<>(callable::call);
        // Not on the caller's thread: Failsafe schedules from inside the previous attempt's completion.
        ForkJoinPool.commonPool().execute(task);
        return new DefaultScheduledFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                return task.cancel(mayInterruptIfRunning);
            }

            @Override
            public boolean isCancelled() {
                return task.isCancelled();
            }

            @Override
            public boolean isDone() {
                return task.isDone();
            }

            @Override
            public Object get() throws InterruptedException, ExecutionException {
                return task.get();
            }
        };
    }
}

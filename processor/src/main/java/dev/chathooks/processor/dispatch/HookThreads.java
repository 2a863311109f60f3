package dev.chathooks.processor.dispatch;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one blocking hook's attempts run on: at most as many as the hook may have calls in flight
 * ({@code dispatch.max-in-flight}), and only as many as its calls need. An attempt waits in line for the threads
 * there are; a thread is added when the attempt at the head of the line has waited {@link #STALL_MILLIS} (every
 * thread is then held by a call), until there are that many. A thread ends after a minute idle. The bound is what
 * keeps a hook that ignores interrupts from taking a new thread for every call that timed out: it can hold its own
 * threads, and no more; its further attempts wait in line and time out there.
 *
 * <p>Why not as many threads as calls in flight: a {@link ThreadPoolExecutor} with that many core threads makes a
 * thread for each attempt until it has them all, and hands each attempt to the thread that has waited longest, so for
 * a hook whose calls take microseconds hundreds of threads take turns, each woken for one call. In the bench that
 * was half of the pipeline's CPU per event (docs/benchmarks.md).
 */
public final class HookThreads {
    /** How long the head of the line waits before a thread is added for it. */
    static final long STALL_MILLIS = 2;

    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
    private static final long IDLE_SECONDS = 60;
    private static final Runnable GROW = () -> {};
    /** One timer for every hook: it only looks at lines that have an attempt waiting. */
    private static final ScheduledExecutorService STALL_CHECKS =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "hook-threads-stall-check");
                thread.setDaemon(true);
                return thread;
            });

    private HookThreads() {}

    /**
     * A pool of at most {@code threads} daemon threads named {@code hook-<name>-<n>}; attempts beyond what its threads
     * can take wait in line. After {@link ExecutorService#shutdown()} it refuses attempts. Shut it down once the hook's
     * consumer has stopped.
     *
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public static ExecutorService forHook(String hookName, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a hook needs at least one thread, not " + threads);
        }
        AtomicInteger count = new AtomicInteger();
        return new GrowingPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "hook-" + hookName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** An attempt in line, with when it was put there. */
    private record Waiting(Runnable attempt, long since) implements Runnable {
        @Override
        public void run() {
            attempt.run();
        }
    }

    private static final class GrowingPool extends ThreadPoolExecutor {
        private final AtomicBoolean checkPending = new AtomicBoolean();

        GrowingPool(int threads, ThreadFactory factory) {
            super(0, threads, IDLE_SECONDS, TimeUnit.SECONDS, new Line(), factory, GrowingPool::noThread);
            ((Line) getQueue()).pool = this;
        }

        @Override
        public void execute(Runnable attempt) {
            super.execute(attempt == GROW ? GROW : new Waiting(attempt, System.nanoTime()));
        }

        /** A thread more, if the head of the line has waited long enough and the pool may grow. */
        void growIfStalled() {
            Runnable head = getQueue().peek();
            if (head instanceof Waiting waiting
                    && System.nanoTime() - waiting.since() >= STALL_NANOS
                    && getPoolSize() < getMaximumPoolSize()) {
                execute(GROW);
            }
        }

        /** Looks again in {@link #STALL_MILLIS}, unless a look is due already, while attempts wait. */
        void checkLater() {
            if (checkPending.compareAndSet(false, true)) {
                STALL_CHECKS.schedule(this::check, STALL_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        private void check() {
            checkPending.set(false);
            // Nothing to do once the pool has all its threads: a hook that holds every one of them (one that ignores
            // interrupts) would otherwise wake the timer every 2 ms for as long as calls wait. A new call looks again.
            if (isShutdown() || getQueue().isEmpty() || getPoolSize() >= getMaximumPoolSize()) {
                return;
            }
            growIfStalled();
            checkLater();
        }

        /** The pool made no thread: stopped, or another attempt took the last one meanwhile, so it waits in line. */
        private static void noThread(Runnable attempt, ThreadPoolExecutor executor) {
            if (attempt == GROW) {
                return; // the pool has all its threads already
            }
            if (executor.isShutdown() || !((Line) executor.getQueue()).putInLine(attempt)) {
                throw new RejectedExecutionException("the hook's threads are stopped");
            }
        }
    }

    /**
     * The line. {@link ThreadPoolExecutor} puts an attempt in line when the line takes it and otherwise makes a thread
     * for it: this line refuses only the first attempt (no thread yet) and {@link #GROW}, and looks for a stall at every
     * attempt it takes.
     */
    private static final class Line extends LinkedBlockingQueue<Runnable> {
        private GrowingPool pool;

        @Override
        public boolean offer(Runnable attempt) {
            if (attempt == GROW || pool.getPoolSize() == 0) {
                return false;
            }
            pool.growIfStalled();
            boolean taken = super.offer(attempt);
            pool.checkLater();
            return taken;
        }

        boolean putInLine(Runnable attempt) {
            return super.offer(attempt);
        }
    }
}

package dev.chathooks.processor.dispatch;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one blocking hook's attempts run on: at most as many as the hook may have calls in flight
 * ({@code dispatch.max-in-flight}); a thread is made for each attempt until there are that many, and ends after a
 * minute idle. The bound is what keeps a hook that ignores interrupts from taking a new thread for every call that
 * timed out: it can hold its own threads, and no more; its further attempts wait in line and time out there.
 *
 * <p>A pool that adds a thread only when an attempt has waited 2 ms for one was tried (change 28 in
 * docs/benchmarks.md) and taken out: under a backlog on a busy machine attempts wait that long for a core, not for a
 * thread, so it had all its threads within seconds too, and the whole pipeline did no better with it.
 */
public final class HookThreads {
    private HookThreads() {}

    /**
     * A pool of at most {@code threads} daemon threads named {@code hook-<name>-<n>}; attempts beyond that wait
     * in line. After {@link ExecutorService#shutdown()} it refuses attempts. Shut it down once the hook's consumer
     * has stopped.
     *
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public static ExecutorService forHook(String hookName, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a hook needs at least one thread, not " + threads);
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "hook-" + hookName + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}

package dev.chathooks.processor.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads one blocking hook's attempts run on: at most as many as the hook may have calls in flight
 * ({@code dispatch.max-in-flight}); a thread ends after a minute idle. The bound is what keeps a hook that ignores
 * interrupts from taking a new thread for every call that timed out: it can hold its own threads, and no more; its
 * further attempts wait in line and time out there.
 *
 * <p>Threads are woken sparingly. An attempt wakes (or makes) a thread when none is awake; otherwise the awake
 * threads take it from the line when they finish their call. Only when the first attempt in line has waited
 * {@link #STALL} (every awake thread is in a call that blocks) is another woken, by a check made every millisecond
 * while attempts wait (on {@link DispatchTimer}'s thread), until there are as many threads as the bound. So a hook whose calls block gets a thread for
 * each, up to the bound, a millisecond apart, and no attempt waits much longer than that for a thread that could
 * be made; a hook whose calls are quick keeps a few threads busy instead of waking one per call, and while the
 * hook's consumer {@link #holdWakes() hands over a poll's records} it wakes at most one. A pool of
 * {@code LinkedBlockingQueue} and {@code ThreadPoolExecutor} woke a thread per attempt under a backlog, and its
 * threads spent two thirds of their time waking one another on the queue's lock (change 30 in
 * docs/benchmarks.md).
 */
public final class HookThreads extends AbstractExecutorService {
    private static final Logger LOG = LoggerFactory.getLogger(HookThreads.class);
    /** How long the first attempt in line may wait before another thread is woken for it. */
    static final Duration STALL = Duration.ofMillis(1);
    /** How often a pool that cannot add a thread (all at work in calls) looks again. */
    private static final long FULL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String name;
    private final int bound;
    private final long keepAliveNanos;
    private final ConcurrentLinkedQueue<Queued> line = new ConcurrentLinkedQueue<>();
    /** Parked threads, the last parked first: the threads that run stay few and warm. */
    private final ConcurrentLinkedDeque<Worker> parked = new ConcurrentLinkedDeque<>();

    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    /** Threads not parked (looking for an attempt, in one, or woken and on their way), and threads being made. */
    private final AtomicInteger awake = new AtomicInteger();

    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicInteger numbering = new AtomicInteger();
    private final DispatchTimer checks = new DispatchTimer(this::check);
    private final Object terminated = new Object();
    /** The thread whose attempts wake no thread until it {@link #releaseWakes() releases} them, or null. */
    private volatile Thread holding;
    /** Whether the holding thread has woken a thread since it began to hold; only that thread reads it. */
    private boolean wokeWhileHolding;

    private volatile boolean shutdown;

    private HookThreads(String name, int bound, Duration keepAlive) {
        this.name = name;
        this.bound = bound;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /**
     * A pool of at most {@code threads} daemon threads named {@code hook-<name>-<n>}; attempts beyond that wait
     * in line. After {@link #shutdown()} it refuses attempts and runs those in line; {@link #shutdownNow()}
     * interrupts those running and returns those in line. Shut it down once the hook's consumer has stopped.
     *
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public static HookThreads forHook(String hookName, int threads) {
        return forHook(hookName, threads, Duration.ofMinutes(1));
    }

    /** As {@link #forHook(String, int)}, with threads ending after {@code keepAlive} idle. */
    static HookThreads forHook(String hookName, int threads, Duration keepAlive) {
        if (threads < 1) {
            throw new IllegalArgumentException("a hook needs at least one thread, not " + threads);
        }
        return new HookThreads(hookName, threads, keepAlive);
    }

    @Override
    public void execute(Runnable attempt) {
        if (shutdown) {
            throw new RejectedExecutionException("the hook's threads are stopped");
        }
        Queued queued = new Queued(attempt, System.nanoTime());
        line.offer(queued);
        if (awake.get() == 0) {
            if (holding != Thread.currentThread()) {
                wakeOne();
            } else if (!wokeWhileHolding) {
                wokeWhileHolding = true;
                wakeOne();
            }
        }
        checks.schedule(STALL.toNanos());
        if (shutdown && line.remove(queued)) {
            throw new RejectedExecutionException("the hook's threads are stopped");
        }
    }

    /**
     * From now until {@link #releaseWakes()}, attempts given by the calling thread wake at most one thread: those
     * after it wait for the awake threads, or for the release. The hook's consumer holds wakes while it hands over
     * the records of one poll, so that a hook whose calls are quick is woken once a poll, not once a call.
     */
    public void holdWakes() {
        wokeWhileHolding = false;
        holding = Thread.currentThread();
    }

    /** Ends {@link #holdWakes()}: wakes a thread if attempts wait and none is awake. */
    public void releaseWakes() {
        holding = null;
        if (awake.get() == 0 && !line.isEmpty()) {
            wakeOne();
        }
    }

    /** Attempts waiting in line for a thread. */
    public int waiting() {
        return line.size();
    }

    /** Threads this pool has now (running an attempt or idle). */
    public int threads() {
        return alive.get();
    }

    /** While attempts wait: wakes a thread if the first in line has waited {@link #STALL}. */
    private void check() {
        Queued first = line.peek();
        if (first == null) {
            return; // the next attempt schedules it again
        }
        boolean woke = true;
        if (System.nanoTime() - first.since() >= STALL.toNanos()) {
            woke = wakeOne();
        }
        checks.schedule(woke ? STALL.toNanos() : FULL_CHECK_NANOS);
    }

    /** Wakes a parked thread, or makes one if there are fewer than the bound; false if neither could be done. */
    private boolean wakeOne() {
        Worker idle = parked.pollFirst();
        if (idle != null) {
            awake.incrementAndGet();
            idle.wake();
            return true;
        }
        for (int count = alive.get(); count < bound && !shutdown; count = alive.get()) {
            if (alive.compareAndSet(count, count + 1)) {
                awake.incrementAndGet();
                Worker worker = new Worker();
                workers.add(worker);
                worker.thread.start();
                return true;
            }
        }
        return false;
    }

    /** An attempt in line, and when it was put there ({@link System#nanoTime()}). */
    private record Queued(Runnable attempt, long since) {}

    private final class Worker implements Runnable {
        final Thread thread;
        /** Set by whoever takes this worker off the parked list, before it is unparked. */
        private volatile boolean woken;

        Worker() {
            thread = new Thread(this, "hook-" + name + "-" + numbering.incrementAndGet());
            thread.setDaemon(true);
        }

        void wake() {
            woken = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Queued queued = line.poll();
                    if (queued != null) {
                        run(queued.attempt());
                    } else if (shutdown) {
                        awake.decrementAndGet();
                        return;
                    } else if (!park()) {
                        return; // idle for the keep-alive
                    }
                }
            } finally {
                workers.remove(this);
                if (alive.decrementAndGet() == 0 && shutdown) {
                    synchronized (terminated) {
                        terminated.notifyAll();
                    }
                }
            }
        }

        private void run(Runnable attempt) {
            if (!shutdown) {
                Thread.interrupted(); // an interrupt meant for an attempt that had already finished
            }
            try {
                attempt.run();
            } catch (RuntimeException | Error e) {
                // Attempts come wrapped in futures, which keep what they throw; this is for a bare Runnable.
                LOG.warn(
                        "An attempt of hook '{}' threw {} on its thread",
                        name,
                        e.getClass().getName());
            }
        }

        /**
         * Parks until woken. True when awake again (counted in {@code awake}), false when idle for the keep-alive
         * (not counted: the thread ends).
         */
        private boolean park() {
            woken = false;
            parked.offerFirst(this);
            awake.decrementAndGet();
            // An attempt put in line, or a stop, just before this thread was listed may have seen it awake and woken
            // no one: look again. Whoever takes it off the list counts it awake.
            if (!line.isEmpty() || shutdown) {
                if (parked.remove(this)) {
                    awake.incrementAndGet();
                    return true;
                }
                return waitUntilWoken(Long.MAX_VALUE);
            }
            if (waitUntilWoken(System.nanoTime() + keepAliveNanos)) {
                return true;
            }
            return !parked.remove(this) && waitUntilWoken(Long.MAX_VALUE);
        }

        /** Parks until {@link #wake()}, or the deadline ({@link Long#MAX_VALUE} for none); true if woken. */
        private boolean waitUntilWoken(long deadline) {
            while (!woken) {
                if (deadline == Long.MAX_VALUE) {
                    LockSupport.park(HookThreads.this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    LockSupport.parkNanos(HookThreads.this, left);
                }
                Thread.interrupted(); // a parked thread has no call to interrupt; a stop wakes it instead
            }
            return true;
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
        for (Worker idle = parked.pollFirst(); idle != null; idle = parked.pollFirst()) {
            awake.incrementAndGet();
            idle.wake();
        }
        if (alive.get() == 0) {
            synchronized (terminated) {
                terminated.notifyAll();
            }
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        List<Runnable> waiting = new ArrayList<>();
        for (Queued queued = line.poll(); queued != null; queued = line.poll()) {
            waiting.add(queued.attempt());
        }
        for (Worker worker : workers) {
            worker.thread.interrupt();
        }
        return waiting;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && alive.get() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (terminated) {
            while (!isTerminated()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(terminated, left);
            }
            return true;
        }
    }
}

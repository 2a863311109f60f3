package dev.chathooks.examples.push.delivery;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs asynchronous tasks for batches of items (the notifications of one message) with a bound on the tasks in
 * flight over all batches, taking turns between batches: each batch with items waiting starts one task per turn,
 * round-robin. So a message to 10,000 members does not hold back another conversation's notifications: those wait
 * for at most one turn of each batch waiting, and for a slot among the {@code maxInFlight}.
 *
 * <p>Tasks are started outside the lock by the given executor, one drain at a time: with a direct executor, by
 * whichever thread submits a batch or completes a task (the push hook's choice: its tasks start without blocking,
 * and Pushy writes fastest from its own event loop, where APNs completions arrive).
 * Items wait in their batch's list (bounded by what the caller submits), not in an unbounded queue of tasks.
 * Thread-safe.
 */
public final class FairDispatcher {
    private final int maxInFlight;
    private final Object lock = new Object();
    /** Batches with items not yet started, in turn order. Guarded by lock. */
    private final ArrayDeque<Batch<?>> waiting = new ArrayDeque<>();
    /** Tasks started and not yet completed. Guarded by lock. */
    private int inFlight;

    private boolean closed;
    /** Work-in-progress counter so that only one thread drains at a time and no task completion recurses. */
    private final AtomicInteger drainRequests = new AtomicInteger();

    private final Executor starter;

    /** A dispatcher that starts tasks on the thread that submits or completes; see the class documentation. */
    public FairDispatcher(int maxInFlight) {
        this(maxInFlight, Runnable::run);
    }

    /**
     * @param maxInFlight the most tasks in flight at once, over all batches; at least 1
     * @param starter runs the loop that starts tasks; it must run what it is given, in time
     */
    public FairDispatcher(int maxInFlight, Executor starter) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.starter = Objects.requireNonNull(starter, "starter is null");
    }

    /**
     * Runs {@code task} for each item, in order within the batch, taking turns with other batches.
     *
     * <p>The result completes when every task's stage has completed: normally if all completed normally, else
     * exceptionally with the first failure (later ones suppressed, up to ten). A task that throws counts as a
     * failed stage. Cancelling the result starts no more of its tasks (those in flight run on).
     *
     * @throws IllegalStateException if the dispatcher is closed
     */
    public <T> CompletableFuture<Void> submit(List<T> items, Function<? super T, ? extends CompletionStage<?>> task) {
        Objects.requireNonNull(task, "task is null");
        Batch<T> batch = new Batch<>(List.copyOf(items), task);
        if (batch.items.isEmpty()) {
            batch.result.complete(null);
            return batch.result;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the dispatcher is closed");
            }
            waiting.addLast(batch);
        }
        drain();
        return batch.result;
    }

    /** Tasks in flight now, for tests and metrics. */
    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Starts nothing more; batches not finished complete exceptionally. Tasks in flight run on. */
    public void close() {
        List<Batch<?>> abandoned;
        synchronized (lock) {
            closed = true;
            abandoned = List.copyOf(waiting);
            waiting.clear();
        }
        for (Batch<?> batch : abandoned) {
            batch.result.completeExceptionally(new IllegalStateException(
                    "the push hook closed before all " + "notifications of this call were sent"));
        }
    }

    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return; // the drain running now sees this request before it stops
        }
        starter.execute(this::drainLoop);
    }

    private void drainLoop() {
        do {
            while (true) {
                Batch<?> batch;
                int index;
                synchronized (lock) {
                    if (inFlight >= maxInFlight) {
                        break;
                    }
                    batch = pollLiveBatch();
                    if (batch == null) {
                        break;
                    }
                    index = batch.next++;
                    if (batch.next < batch.items.size()) {
                        waiting.addLast(batch); // its next turn comes after every other batch waiting
                    }
                    inFlight++;
                }
                batch.start(index, this::taskDone);
            }
        } while (drainRequests.decrementAndGet() != 0);
    }

    /** Takes the batch whose turn it is, dropping batches cancelled meanwhile; null if none waits. */
    private Batch<?> pollLiveBatch() {
        Batch<?> batch;
        while ((batch = waiting.pollFirst()) != null) {
            if (!batch.result.isDone()) {
                return batch;
            }
        }
        return null;
    }

    private void taskDone() {
        synchronized (lock) {
            inFlight--;
        }
        drain();
    }

    private static final class Batch<T> {
        final List<T> items;
        final Function<? super T, ? extends CompletionStage<?>> task;
        final CompletableFuture<Void> result = new CompletableFuture<>();
        /** The next item to start; guarded by the dispatcher's lock. */
        int next;

        private final AtomicInteger remaining;
        private Throwable failure; // guarded by this

        Batch(List<T> items, Function<? super T, ? extends CompletionStage<?>> task) {
            this.items = items;
            this.task = task;
            this.remaining = new AtomicInteger(items.size());
        }

        void start(int index, Runnable onDone) {
            CompletionStage<?> stage;
            try {
                stage = Objects.requireNonNull(task.apply(items.get(index)), "the task returned no stage");
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((ignored, error) -> {
                onDone.run();
                finished(error);
            });
        }

        private void finished(Throwable error) {
            if (error != null) {
                synchronized (this) {
                    if (failure == null) {
                        failure = error;
                    } else if (failure.getSuppressed().length < 10) {
                        failure.addSuppressed(error);
                    }
                }
            }
            if (remaining.decrementAndGet() == 0) {
                Throwable first;
                synchronized (this) {
                    first = failure;
                }
                if (first == null) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(first);
                }
            }
        }
    }
}

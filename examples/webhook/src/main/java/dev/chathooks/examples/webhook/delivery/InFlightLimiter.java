package dev.chathooks.examples.webhook.delivery;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs at most a fixed number of asynchronous tasks at once; the others wait in order of arrival. Nothing blocks:
 * a waiting task starts on the thread where a running one finished. A task whose result was completed (cancelled)
 * while it waited is never started. Thread-safe.
 */
final class InFlightLimiter {
    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    /** @param limit tasks running at once, at least one */
    InFlightLimiter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /**
     * Starts {@code task} now, or when a running task finishes.
     *
     * @return completes as the task's stage does; cancelling it before the task started means it never starts
     */
    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            if (result.isDone()) {
                release();
                return;
            }
            CompletableFuture<T> stage;
            try {
                stage = task.get();
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<T> started = stage;
            // Cancelling the result cancels the task's stage (an HTTP exchange is then aborted).
            result.whenComplete((value, error) -> started.cancel(true));
            started.whenComplete((value, error) -> {
                release();
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(error);
                }
            });
        };
        boolean startNow;
        synchronized (this) {
            startNow = running < limit;
            if (startNow) {
                running++;
            } else {
                waiting.add(start);
            }
        }
        if (startNow) {
            start.run();
        }
        return result;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run(); // keeps the released slot
        }
    }
}

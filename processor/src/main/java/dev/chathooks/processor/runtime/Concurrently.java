package dev.chathooks.processor.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Two independent steps of the start-up at once: one on the caller's thread, one on a thread of its own. */
final class Concurrently {
    private Concurrently() {}

    /**
     * Runs {@code background} on a daemon thread named {@code threadName} while {@code foreground} runs here, and
     * hands what {@code background} made to {@code keep} once both are done, even when {@code foreground} failed, so
     * that the caller can close it. Then throws the first failure, with the other one suppressed in it.
     */
    static <T> void run(Runnable foreground, Supplier<T> background, Consumer<T> keep, String threadName) {
        CompletableFuture<T> made = CompletableFuture.supplyAsync(background, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            thread.start();
        });
        RuntimeException failure = null;
        try {
            foreground.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            keep.accept(made.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
            if (failure == null) {
                failure = cause;
            } else {
                failure.addSuppressed(cause);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

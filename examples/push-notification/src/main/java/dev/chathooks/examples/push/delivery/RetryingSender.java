package dev.chathooks.examples.push.delivery;

import dev.chathooks.examples.push.config.RetrySettings;
import dev.chathooks.examples.push.notification.Notification;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link PushSender} that retries {@link TransientPushException}s with exponential backoff and jitter, honouring
 * the service's Retry-After, up to the configured number of attempts; then its stage fails with the last
 * exception. Accepted notifications, rejected tokens and {@link PermanentPushException}s are not retried.
 *
 * <p>The first attempt starts on the caller's thread (sending does not block); a retry waits as a timer on one
 * scheduler thread, so no thread waits per notification. (Failsafe's asynchronous retries were tried first: they
 * move every attempt, the first included, to an executor, and cut the hook's fan-out rate to mock APNs fourfold.)
 */
public final class RetryingSender implements PushSender {
    /** The jitter: each backoff delay is moved at random by up to this fraction, so that retries spread out. */
    static final double JITTER = 0.25;

    private final PushSender delegate;
    private final RetrySettings settings;
    private final Consumer<Duration> retryScheduled;
    private final ScheduledExecutorService timer;

    /**
     * @param delegate the sender making single attempts; closed with this one
     * @param settings how many attempts and how long to wait between them
     */
    public RetryingSender(PushSender delegate, RetrySettings settings) {
        this(delegate, settings, delay -> {});
    }

    /** @param retryScheduled told the delay of every retry as it is scheduled (for tests) */
    RetryingSender(PushSender delegate, RetrySettings settings, Consumer<Duration> retryScheduled) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.retryScheduled = Objects.requireNonNull(retryScheduled, "retryScheduled is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "push-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletionStage<Delivery> send(Notification notification) {
        CompletableFuture<Delivery> outcome = new CompletableFuture<>();
        attempt(notification, 1, outcome);
        return outcome;
    }

    private void attempt(Notification notification, int attempt, CompletableFuture<Delivery> outcome) {
        if (outcome.isDone()) {
            return; // cancelled meanwhile
        }
        CompletionStage<Delivery> sent;
        try {
            sent = delegate.send(notification);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((delivery, error) -> {
            if (error == null) {
                outcome.complete(delivery);
                return;
            }
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (!(cause instanceof TransientPushException) || attempt >= settings.maxAttempts()) {
                outcome.completeExceptionally(cause);
                return;
            }
            Duration delay = delayBeforeRetry(
                    attempt,
                    (TransientPushException) cause,
                    ThreadLocalRandom.current().nextDouble());
            retryScheduled.accept(delay);
            try {
                timer.schedule(
                        () -> attempt(notification, attempt + 1, outcome), delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) {
                outcome.completeExceptionally(cause); // closed: no more retries
            }
        });
    }

    /**
     * The wait before retry number {@code failedAttempts}: the initial backoff doubled per failed attempt, capped
     * at the maximum, moved by up to {@link #JITTER} either way ({@code random} in [0, 1) picks where), and never
     * shorter than the service's Retry-After.
     */
    Duration delayBeforeRetry(int failedAttempts, TransientPushException failure, double random) {
        double backoff = Math.min(
                settings.maxBackoff().toNanos(), settings.initialBackoff().toNanos() * Math.pow(2, failedAttempts - 1));
        Duration jittered = Duration.ofNanos((long) (backoff * (1 + JITTER * (2 * random - 1))));
        return failure.retryAfter()
                .filter(retryAfter -> retryAfter.compareTo(jittered) > 0)
                .orElse(jittered);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delegate.close();
    }
}

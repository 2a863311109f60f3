package dev.chathooks.examples.push.delivery;

import dev.chathooks.examples.push.config.RetrySettings;
import dev.chathooks.examples.push.notification.Notification;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link PushSender} that retries {@link TransientPushException}s with exponential backoff and jitter, honouring
 * the service's Retry-After, up to the configured number of attempts; then its stage fails with the last
 * exception. Accepted notifications, rejected tokens and {@link PermanentPushException}s are not retried. Delays
 * wait on one scheduler thread; no thread waits per notification.
 */
public final class RetryingSender implements PushSender {
    /** The jitter: each backoff delay is moved at random by up to this fraction, so retries spread out. */
    static final double JITTER = 0.25;

    private final PushSender delegate;
    private final ScheduledExecutorService scheduler;
    private final FailsafeExecutor<Delivery> executor;

    /**
     * @param delegate the sender making single attempts; closed with this one
     * @param settings how many attempts and how long to wait between them
     */
    public RetryingSender(PushSender delegate, RetrySettings settings) {
        this(delegate, settings, delay -> { });
    }

    /** @param retryScheduled told the delay of every retry as it is scheduled (for tests) */
    RetryingSender(PushSender delegate, RetrySettings settings, Consumer<Duration> retryScheduled) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        RetryPolicy<Delivery> policy = RetryPolicy.<Delivery>builder()
                .handle(TransientPushException.class)
                .withMaxAttempts(settings.maxAttempts())
                .withBackoff(settings.initialBackoff(), settings.maxBackoff())
                .withJitter(JITTER)
                .withDelayFnOn(context -> retryAfterDelay(context.getLastException()), TransientPushException.class)
                .onRetryScheduled(event -> retryScheduled.accept(event.getDelay()))
                .build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "push-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.executor = Failsafe.with(policy).with(scheduler);
    }

    /** Tells Failsafe to use the backoff: it takes a negative delay so (it does not accept null). */
    private static final Duration USE_BACKOFF = Duration.ofNanos(-1);

    /**
     * The delay Failsafe should use for a Retry-After, or a negative one to let the backoff decide. Failsafe applies
     * the jitter to this delay too, and may shorten it by {@link #JITTER}: it is stretched so that even the shortest
     * jittered delay honours the service.
     */
    static Duration retryAfterDelay(Throwable failure) {
        if (failure instanceof TransientPushException) {
            return ((TransientPushException) failure).retryAfter()
                    .map(delay -> Duration.ofNanos((long) Math.ceil(delay.toNanos() / (1 - JITTER))))
                    .orElse(USE_BACKOFF);
        }
        return USE_BACKOFF;
    }

    @Override
    public CompletionStage<Delivery> send(Notification notification) {
        return executor.getStageAsync(() -> delegate.send(notification));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delegate.close();
    }
}

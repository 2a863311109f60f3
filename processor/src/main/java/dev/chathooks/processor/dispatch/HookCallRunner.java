package dev.chathooks.processor.dispatch;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one hook's calls with its {@link DispatchSettings}: every attempt is bounded by the timeout (a blocking hook
 * is interrupted, an asynchronous hook's stage cancelled), failures are retried with exponential backoff and
 * jitter, and {@link PermanentHookFailureException} ends the retries at once. The result is a stage that always
 * completes normally, with the {@link CallOutcome}; deciding what a failure means (a dead letter) is the caller's.
 *
 * <p>The first attempt is made directly: almost every call succeeds at once, and going through the retry policy
 * and a timer for each one cost a fifth of the dispatch thread. A failed first attempt is handed to Failsafe's
 * retry policy, which sees it as its own first execution, so the backoff is the policy's from the first retry on.
 * Waiting between attempts holds no thread. Timeouts are kept by {@link AttemptDeadlines}. A blocking hook that
 * does not return when interrupted keeps its thread; such attempts are counted ({@link #overdueAttempts()}) and
 * logged when they finally return.
 */
public final class HookCallRunner {
    private static final Logger LOG = LoggerFactory.getLogger(HookCallRunner.class);
    /** How long past its timeout an attempt may take to notice the interrupt before it counts as overdue. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final LoadedHook hook;
    private final AsyncChatHook callbacks;
    private final boolean async;
    private final ExecutorService executor;
    private final FailsafeExecutor<Object> retries;
    private final int maxAttempts;
    private final Duration timeout;
    private final AttemptDeadlines deadlines;
    /** The start ({@link System#nanoTime()}) of each blocking attempt running now, by its thread. */
    private final Map<Thread, Long> running = new ConcurrentHashMap<>();

    /**
     * @param hook the hook to call
     * @param settings its timeout and retry policy
     * @param executor where a blocking hook's attempts run (one thread each); an asynchronous hook's callbacks are
     *     called on the calling thread
     */
    public HookCallRunner(LoadedHook hook, DispatchSettings settings, ExecutorService executor) {
        this(hook, settings, executor, RetryWaits.REAL);
    }

    /**
     * @param hook the hook to call
     * @param settings its timeout and retry policy
     * @param executor where a blocking hook's attempts run (one thread each); an asynchronous hook's callbacks are
     *     called on the calling thread
     * @param waits whether the backoff between attempts is waited for, or skipped (in tests of a hook)
     */
    public HookCallRunner(LoadedHook hook, DispatchSettings settings, ExecutorService executor, RetryWaits waits) {
        this.hook = hook;
        this.callbacks = HookInvoker.asAsync(hook.hook());
        this.async = hook.hook() instanceof AsyncChatHook;
        this.executor = executor;
        this.maxAttempts = settings.maxAttempts();
        this.timeout = settings.timeout();
        this.deadlines = new AttemptDeadlines(settings.timeout());
        RetryPolicyBuilder<Object> retry = RetryPolicy.builder()
                .handle(Throwable.class)
                .abortIf((result, failure) -> isPermanent(failure))
                .withMaxAttempts(settings.maxAttempts());
        Duration initial = positive(settings.initialBackoff());
        Duration max = positive(settings.maxBackoff());
        // Failsafe wants a backoff's maximum above its start; equal ones mean a fixed delay.
        if (max.compareTo(initial) > 0) {
            retry.withBackoff(initial, max);
        } else {
            retry.withDelay(initial);
        }
        retry.withJitter(0.25);
        this.retries = waits == RetryWaits.REAL
                ? Failsafe.with(retry.build())
                : Failsafe.with(retry.build()).with(RetryWaits.immediateScheduler());
    }

    private static Duration positive(Duration duration) {
        return duration.isZero() ? Duration.ofMillis(1) : duration;
    }

    /** Calls the hook for {@code arguments}, retrying as configured. */
    public CompletionStage<CallOutcome> call(HookArguments arguments) {
        CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
        CompletableFuture<Void> first = attempt(arguments);
        first.whenComplete((ignored, failure) -> {
            if (failure == null) {
                outcome.complete(new CallOutcome(true, 1, null));
            } else if (maxAttempts == 1 || isPermanent(failure)) {
                outcome.complete(new CallOutcome(false, 1, unwrap(failure)));
            } else {
                retry(arguments, first, outcome);
            }
        });
        return outcome;
    }

    /** Runs the retry policy, whose first execution is the failed first attempt. */
    private void retry(
            HookArguments arguments, CompletableFuture<Void> failedFirst, CompletableFuture<CallOutcome> outcome) {
        AtomicInteger attempts = new AtomicInteger();
        retries.getStageAsync(context -> attempts.incrementAndGet() == 1
                        ? failedFirst.thenApply(done -> (Object) done)
                        : attempt(arguments).thenApply(done -> (Object) done))
                .whenComplete((ignored, failure) -> outcome.complete(
                        failure == null
                                ? new CallOutcome(true, attempts.get(), null)
                                : new CallOutcome(false, attempts.get(), unwrap(failure))));
    }

    /** One attempt, timed from now: it fails with a {@link TimeoutException} at its deadline. */
    private CompletableFuture<Void> attempt(HookArguments arguments) {
        Attempt attempt = new Attempt(System.nanoTime() + timeout.toNanos());
        deadlines.started(attempt);
        try {
            if (async) {
                // On the calling thread (the hook's consumer, or where its last call completed): an asynchronous
                // callback only starts its work, as its contract says, and handing each one to another thread cost
                // a thread wake-up per call. Once the hook's threads are stopped, it is refused as before.
                if (executor.isShutdown()) {
                    throw new RejectedExecutionException("the hook's threads are stopped");
                }
                attempt.runAsync(arguments);
            } else {
                attempt.task = executor.submit(() -> attempt.runBlocking(arguments));
                if (attempt.result.isCompletedExceptionally()) {
                    attempt.task.cancel(true); // timed out before the task was known to expire()
                }
            }
        } catch (RuntimeException e) {
            attempt.fail(e); // the executor refused it (it is shut down)
        }
        return attempt.result;
    }

    /** An attempt and what to stop when it times out. */
    private final class Attempt implements AttemptDeadlines.Timed {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        private final long deadlineNanos;
        /** The blocking attempt's task, to interrupt. */
        volatile Future<?> task;
        /** The asynchronous hook's stage, to cancel. */
        private volatile CompletionStage<Void> stage;

        Attempt(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public long deadlineNanos() {
            return deadlineNanos;
        }

        @Override
        public void expire() {
            if (result.completeExceptionally(
                    new TimeoutException("the call took longer than its timeout (dispatch.timeout)"))) {
                Future<?> blocking = task;
                if (blocking != null) {
                    blocking.cancel(true);
                }
                CompletionStage<Void> pending = stage;
                if (pending != null) {
                    pending.toCompletableFuture().cancel(true);
                }
            }
        }

        void runAsync(HookArguments arguments) {
            if (result.isDone()) {
                return; // timed out before it started (a retry that waited past the deadline)
            }
            CompletionStage<Void> called = HookInvoker.call(callbacks, hook, arguments);
            stage = called;
            called.whenComplete((ignored, failure) -> {
                if (failure == null) {
                    succeed();
                } else {
                    fail(failure);
                }
            });
            if (result.isCompletedExceptionally()) {
                called.toCompletableFuture().cancel(true); // timed out before the stage was known to expire()
            }
        }

        void runBlocking(HookArguments arguments) {
            if (result.isDone()) {
                return; // timed out while waiting for a thread
            }
            Thread thread = Thread.currentThread();
            long started = System.nanoTime();
            running.put(thread, started);
            try {
                HookInvoker.call(callbacks, hook, arguments)
                        .toCompletableFuture()
                        .join();
                succeed();
            } catch (Throwable e) {
                fail(e);
            } finally {
                running.remove(thread);
                warnIfOverdue(started);
            }
        }

        void succeed() {
            deadlines.finished(this);
            result.complete(null);
        }

        void fail(Throwable failure) {
            deadlines.finished(this);
            result.completeExceptionally(failure);
        }
    }

    /**
     * Blocking attempts still running more than a second past their timeout: their hook ignored the interrupt and
     * holds their threads. Zero for a hook that returns when interrupted, as hooks must.
     */
    public int overdueAttempts() {
        long now = System.nanoTime();
        long limit = timeout.plus(GRACE).toNanos();
        int overdue = 0;
        for (long started : running.values()) {
            if (now - started > limit) {
                overdue++;
            }
        }
        return overdue;
    }

    private void warnIfOverdue(long started) {
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        if (tookMillis > timeout.plus(GRACE).toMillis()) {
            LOG.warn(
                    "Hook '{}' returned {} ms after an attempt started, past its timeout of {} ms: it does not stop "
                            + "when interrupted, and held a thread all that time",
                    hook.name(),
                    tookMillis,
                    timeout.toMillis());
        }
    }

    private static boolean isPermanent(Throwable failure) {
        return unwrap(failure) instanceof PermanentHookFailureException;
    }

    /** The hook's own exception, without the wrappers that futures and Failsafe add. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException
                        || current instanceof ExecutionException
                        || current instanceof FailsafeException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}

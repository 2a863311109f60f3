package dev.chathooks.dispatch;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.plugins.LoadedHook;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
 * <p>Waiting between attempts holds no thread: the delay is scheduled, and the next attempt is submitted to the
 * executor when it is over. A blocking hook that does not return when interrupted keeps its thread; such attempts
 * are counted ({@link #overdueAttempts()}) and logged when they finally return.
 */
public final class HookCallRunner {
    private static final Logger LOG = LoggerFactory.getLogger(HookCallRunner.class);
    /** How long past its timeout an attempt may take to notice the interrupt before it counts as overdue. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final LoadedHook hook;
    private final ExecutorService blockingExecutor;
    private final FailsafeExecutor<Object> asyncFailsafe;
    private final FailsafeExecutor<Object> blockingFailsafe;
    private final Duration timeout;
    /** The start ({@link System#nanoTime()}) of each blocking attempt running now, by its thread. */
    private final Map<Thread, Long> running = new ConcurrentHashMap<>();

    /**
     * @param hook the hook to call
     * @param settings its timeout and retry policy
     * @param blockingExecutor where a blocking hook's attempts run (one thread each), and where an asynchronous
     *     hook's callbacks are called
     */
    public HookCallRunner(LoadedHook hook, DispatchSettings settings, ExecutorService blockingExecutor) {
        this.hook = hook;
        this.timeout = settings.timeout();
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
        Timeout<Object> timeLimit = Timeout.builder(settings.timeout()).withInterrupt().build();
        this.blockingExecutor = blockingExecutor;
        this.asyncFailsafe = Failsafe.with(retry.build()).compose(timeLimit).with(blockingExecutor);
        // Only schedules attempts and timeouts: the hook itself runs on blockingExecutor.
        this.blockingFailsafe = Failsafe.with(retry.build()).compose(timeLimit);
    }

    private static Duration positive(Duration duration) {
        return duration.isZero() ? Duration.ofMillis(1) : duration;
    }

    /** Calls the hook for {@code arguments}, retrying as configured. */
    public CompletionStage<CallOutcome> call(HookArguments arguments) {
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Object> result;
        if (hook.hook() instanceof AsyncChatHook) {
            result = asyncFailsafe.getStageAsync(() -> {
                attempts.incrementAndGet();
                return HookInvoker.call(hook.hook(), arguments).thenApply(done -> (Object) done);
            });
        } else {
            // The attempt is a stage of its own, which the timeout ends whether or not the hook's thread returns:
            // a hook that ignores the interrupt keeps its thread, not the conversation.
            result = blockingFailsafe.getStageAsync(context -> {
                attempts.incrementAndGet();
                CompletableFuture<Object> attempt = new CompletableFuture<>();
                Future<?> task = blockingExecutor.submit(() -> runBlocking(arguments, attempt));
                context.onCancel(() -> task.cancel(true));
                return attempt;
            });
        }
        return result.handle((ignored, failure) -> failure == null
                ? new CallOutcome(true, attempts.get(), null)
                : new CallOutcome(false, attempts.get(), unwrap(failure)));
    }

    private void runBlocking(HookArguments arguments, CompletableFuture<Object> attempt) {
        Thread thread = Thread.currentThread();
        long started = System.nanoTime();
        running.put(thread, started);
        try {
            HookInvoker.call(hook.hook(), arguments).toCompletableFuture().join();
            attempt.complete(null);
        } catch (Throwable e) {
            attempt.completeExceptionally(e);
        } finally {
            running.remove(thread);
            warnIfOverdue(started);
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
            LOG.warn("Hook '{}' returned {} ms after an attempt started, past its timeout of {} ms: it does not stop "
                    + "when interrupted, and held a thread all that time", hook.name(), tookMillis, timeout.toMillis());
        }
    }

    private static boolean isPermanent(Throwable failure) {
        return unwrap(failure) instanceof PermanentHookFailureException;
    }

    /** The hook's own exception, without the wrappers that futures and Failsafe add. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof FailsafeException) && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof TimeoutExceededException) {
            return new TimeoutException("the call took longer than its timeout (dispatch.timeout)");
        }
        return current;
    }
}

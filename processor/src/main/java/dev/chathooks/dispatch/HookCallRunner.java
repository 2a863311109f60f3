package dev.chathooks.dispatch;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.plugins.LoadedHook;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes one hook's calls with its {@link DispatchSettings}: every attempt is bounded by the timeout (a blocking hook
 * is interrupted, an asynchronous hook's stage cancelled), failures are retried with exponential backoff and
 * jitter, and {@link PermanentHookFailureException} ends the retries at once. The result is a stage that always
 * completes normally, with the {@link CallOutcome}; deciding what a failure means (a dead letter) is the caller's.
 */
public final class HookCallRunner {
    private final LoadedHook hook;
    private final FailsafeExecutor<Object> failsafe;

    /**
     * @param hook the hook to call
     * @param settings its timeout and retry policy
     * @param blockingExecutor where a blocking hook's attempts run (one thread each); unused for async hooks
     */
    public HookCallRunner(LoadedHook hook, DispatchSettings settings, ExecutorService blockingExecutor) {
        this.hook = hook;
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handle(Throwable.class)
                .abortIf((result, failure) -> isPermanent(failure))
                .withMaxAttempts(settings.maxAttempts())
                .withBackoff(positive(settings.initialBackoff()), positive(settings.maxBackoff()))
                .withJitter(0.25)
                .build();
        Timeout<Object> timeout = Timeout.builder(settings.timeout()).withInterrupt().build();
        this.failsafe = Failsafe.with(retry).compose(timeout).with(blockingExecutor);
    }

    private static java.time.Duration positive(java.time.Duration duration) {
        return duration.isZero() ? java.time.Duration.ofMillis(1) : duration;
    }

    /** Calls the hook for {@code arguments}, retrying as configured. */
    public CompletionStage<CallOutcome> call(HookArguments arguments) {
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Object> result;
        if (hook.hook() instanceof AsyncChatHook) {
            result = failsafe.getStageAsync(() -> {
                attempts.incrementAndGet();
                return HookInvoker.call(hook.hook(), arguments).thenApply(done -> (Object) done);
            });
        } else {
            result = failsafe.getAsync(() -> {
                attempts.incrementAndGet();
                HookInvoker.call(hook.hook(), arguments).toCompletableFuture().join();
                return null;
            });
        }
        return result.handle((ignored, failure) -> failure == null
                ? new CallOutcome(true, attempts.get(), null)
                : new CallOutcome(false, attempts.get(), unwrap(failure)));
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

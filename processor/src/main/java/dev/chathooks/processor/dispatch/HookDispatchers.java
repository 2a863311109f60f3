package dev.chathooks.processor.dispatch;

import dev.chathooks.processor.deadletter.DeadLetterStore;
import dev.chathooks.processor.metrics.HookCallMetrics;
import dev.chathooks.processor.plugins.LoadedHook;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;

/**
 * Wires a hook's {@link HookDispatcher} with its collaborators: the {@link HookCallRunner} (timeout, retries, the
 * hook's threads) and the {@link DedupWindow}. A live run ({@code runtime.LiveHook}) and a replay
 * ({@code replay.Replayer}) both get their dispatchers here, so they dispatch the same way; they differ only in
 * what they pass: where dead letters go, whether retries wait, who hears of finished calls.
 */
public final class HookDispatchers {
    private HookDispatchers() {}

    /**
     * A dispatcher for {@code hook}; nothing runs until it is handed records.
     *
     * @param hook the hook
     * @param settings its settings ({@link DispatchSettings#forHook})
     * @param threads where its blocking calls run ({@link HookThreads#forHook}); the caller shuts them down
     * @param waits whether the backoff between attempts is waited for ({@link RetryWaits#REAL} but in tests)
     * @param resolver resolves invocations against the users table
     * @param deadLetters where dead letters are stored
     * @param onFinished told of every call that succeeded (the invocation log); what it throws is logged
     * @param metrics the hook's call meters, which the process may publish
     */
    public static HookDispatcher wire(
            LoadedHook hook,
            DispatchSettings settings,
            ExecutorService threads,
            RetryWaits waits,
            InvocationResolver resolver,
            DeadLetterStore deadLetters,
            BiConsumer<LoadedHook, HookArguments> onFinished,
            HookCallMetrics metrics) {
        return new HookDispatcher(
                hook,
                resolver,
                new HookCallRunner(hook, settings, threads, waits),
                new DedupWindow(settings.dedupWindow(), System::currentTimeMillis),
                deadLetters,
                onFinished,
                metrics);
    }
}

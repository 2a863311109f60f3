package dev.chathooks.api;

import java.util.Locale;

/**
 * What every hook has, blocking or not: a name and a lifecycle. Implement {@link ChatHook} or
 * {@link AsyncChatHook}, not this interface.
 *
 * <p>The processor guarantees, for each hook instance:
 * <ol>
 *   <li>It creates the instance once, through its public no-argument constructor, when the processor starts; one
 *       more for each instance of the hook that the configuration declares ({@code instances.<name>=<hook>}),
 *       each started with its own name and configuration.</li>
 *   <li>It calls {@link #start(HookContext)} once, before any callback. If {@code start} throws, the processor
 *       does not start, and prints the hook's name and the exception's message: say there what to fix.</li>
 *   <li>It calls the callbacks the hook overrides, and only those (see {@link ChatHook} for order and
 *       threading).</li>
 *   <li>It calls {@link #close()} once when it stops, after the last callback has returned (or its
 *       {@code CompletionStage} has completed, or timed out). After {@code close} is called, no methods will be
 *       called.</li>
 * </ol>
 */
public sealed interface Hook permits ChatHook, AsyncChatHook {
    /**
     * The hook's name: its configuration keys are {@code hook.<name>.*}, and logs, metrics, consumer groups and
     * the invocation log use it. It must be stable across releases (a new name is a new consumer group, which
     * starts from the end of the invocations) and match {@code [a-z0-9][a-z0-9-]*}.
     *
     * <p>By default, the simple class name in kebab case without a {@code Hook} suffix: {@code LoggingHook} is
     * {@code logging}, {@code AuditTrailHook} is {@code audit-trail}.
     */
    default String name() {
        String simple = getClass().getSimpleName();
        if (simple.endsWith("Hook") && simple.length() > "Hook".length()) {
            simple = simple.substring(0, simple.length() - "Hook".length());
        }
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * Prepares the hook: reads its configuration (all of it, here: see {@link HookContext}), opens connections, asks
     * for lookup tables. Called once, before any callback.
     *
     * @param context the hook's configuration and the processor's services
     * @throws Exception to refuse to start; a {@link HookConfigException} names the configuration key at fault
     */
    default void start(HookContext context) throws Exception {}

    /**
     * Releases what {@link #start(HookContext)} acquired. Called once, after the last callback; no method is
     * called after it.
     */
    default void close() throws Exception {}
}

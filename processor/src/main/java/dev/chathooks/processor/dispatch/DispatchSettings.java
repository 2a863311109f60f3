package dev.chathooks.processor.dispatch;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.config.Durations;
import java.time.Duration;
import java.util.function.Function;

/**
 * How one hook is dispatched: in-flight bound, per-call timeout, retry policy and de-duplication window. Each
 * setting is {@code dispatch.<key>} for every hook, and {@code dispatch.hook.<name>.<key>} for one hook.
 *
 * @param maxInFlight invocations read but not finished, across conversations (back-pressure beyond)
 * @param timeout how long one attempt may take before it is interrupted and counts as failed
 * @param maxAttempts attempts before the invocation is dead-lettered (1 = no retry)
 * @param initialBackoff the delay before the first retry; it doubles, with jitter, up to {@code maxBackoff}
 * @param maxBackoff the longest delay between attempts
 * @param dedupWindow how long a finished event id is remembered and skipped if it comes again (0 = off)
 */
public record DispatchSettings(
        int maxInFlight,
        Duration timeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration dedupWindow) {
    /**
     * The settings of hook {@code name}: {@code dispatch.hook.<name>.<key>} where set, else {@code dispatch.<key>}.
     * Every value was checked when the configuration was made ({@code ChatHooksConfig.of}): they are only read here.
     */
    public static DispatchSettings forHook(ChatHooksConfig config, String name) {
        Function<String, String> value = key -> config.get("dispatch.hook." + name + "." + key)
                .orElseGet(() -> config.get("dispatch." + key).orElseThrow());
        return new DispatchSettings(
                Integer.parseInt(value.apply("max-in-flight").trim()),
                Durations.require("dispatch.timeout", value.apply("timeout")),
                Integer.parseInt(value.apply("retry.max-attempts").trim()),
                Durations.require("dispatch.retry.initial-backoff", value.apply("retry.initial-backoff")),
                Durations.require("dispatch.retry.max-backoff", value.apply("retry.max-backoff")),
                Durations.require("dispatch.dedup-window", value.apply("dedup-window")));
    }
}

package dev.chathooks.dispatch;

import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.config.ConfigException;
import dev.chathooks.config.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
public record DispatchSettings(int maxInFlight, Duration timeout, int maxAttempts, Duration initialBackoff,
                               Duration maxBackoff, Duration dedupWindow) {
    private static final Set<String> KEYS = Set.of("max-in-flight", "timeout", "retry.max-attempts",
            "retry.initial-backoff", "retry.max-backoff", "dedup-window");

    /**
     * The settings of hook {@code name}.
     *
     * @throws ConfigException naming the key, for an unknown key or invalid value
     */
    public static DispatchSettings forHook(ChatHooksConfig config, String name) {
        Map<String, String> values = new TreeMap<>();
        for (String key : KEYS) {
            values.put(key, config.get("dispatch." + key).orElseThrow());
        }
        String prefix = "dispatch.hook." + name + ".";
        config.asMap().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String setting = key.substring(prefix.length());
                if (!KEYS.contains(setting)) {
                    throw new ConfigException("Unknown configuration key " + key + "; valid keys are " + prefix
                            + String.join(", " + prefix, new TreeSet<>(KEYS)));
                }
                values.put(setting, value);
            }
        });
        int maxInFlight = atLeastOne(name, "max-in-flight", values.get("max-in-flight"));
        int maxAttempts = atLeastOne(name, "retry.max-attempts", values.get("retry.max-attempts"));
        Duration initial = Durations.require("dispatch.retry.initial-backoff", values.get("retry.initial-backoff"));
        Duration max = Durations.require("dispatch.retry.max-backoff", values.get("retry.max-backoff"));
        if (max.compareTo(initial) < 0) {
            throw new ConfigException("dispatch.retry.max-backoff (" + values.get("retry.max-backoff")
                    + ") must not be less than dispatch.retry.initial-backoff (" + values.get("retry.initial-backoff")
                    + ") for hook " + name);
        }
        Duration timeout = Durations.require("dispatch.timeout", values.get("timeout"));
        if (timeout.isZero()) {
            throw new ConfigException("dispatch.timeout must be more than 0, such as 30s");
        }
        return new DispatchSettings(maxInFlight, timeout, maxAttempts, initial, max,
                Durations.require("dispatch.dedup-window", values.get("dedup-window")));
    }

    private static int atLeastOne(String hook, String key, String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("dispatch." + key + " (or dispatch.hook." + hook + "." + key + ") is '" + text
                + "'; it must be a whole number of at least 1");
    }
}

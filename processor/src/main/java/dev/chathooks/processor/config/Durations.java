package dev.chathooks.processor.config;

import dev.chathooks.api.HookConfig;
import java.time.Duration;

/** Durations in the processor's configuration, written as hooks write theirs ({@link HookConfig#parseDuration}). */
public final class Durations {
    private Durations() {}

    /**
     * The duration under {@code key}.
     *
     * @throws ConfigException naming the key if the value is not a duration
     */
    public static Duration require(String key, String text) {
        return HookConfig.parseDuration(text)
                .orElseThrow(() -> new ConfigException(
                        key + " is '" + text + "'; it must be a duration such as 250ms, 10s, 5m, 1h or PT10S"));
    }
}

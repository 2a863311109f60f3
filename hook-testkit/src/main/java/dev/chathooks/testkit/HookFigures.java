package dev.chathooks.testkit;

import dev.chathooks.api.HookMetrics;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;

/**
 * What a hook counted and timed through {@code HookContext.metrics()}, kept in memory with the processor's own
 * rules on names and tags, for a test to read back. Thread-safe.
 */
final class HookFigures {
    private final ChatHooksMetrics metrics = ChatHooksMetrics.bare();

    /** The metrics a hook named {@code hookName} is given. */
    HookMetrics forHook(String hookName) {
        return metrics.hookMetrics(hookName);
    }

    /** The sum over the counters {@code name} whose tags include {@code tags} (key, value pairs). */
    long count(String name, String... tags) {
        double sum = 0;
        for (Meter meter : metrics.registry().find(name).tags(tags).meters()) {
            if (meter instanceof Counter counter) {
                sum += counter.count();
            }
        }
        return Math.round(sum);
    }

    /** How many durations the timers {@code name} whose tags include {@code tags} recorded. */
    long timings(String name, String... tags) {
        long count = 0;
        for (Meter meter : metrics.registry().find(name).tags(tags).meters()) {
            if (meter instanceof Timer timer) {
                count += timer.count();
            }
        }
        return count;
    }
}

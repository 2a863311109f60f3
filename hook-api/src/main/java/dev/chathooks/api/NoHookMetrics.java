package dev.chathooks.api;

import java.time.Duration;

/** {@link HookMetrics#none()}: meters that keep nothing. */
final class NoHookMetrics implements HookMetrics, HookMetrics.Counter, HookMetrics.Timer {
    static final NoHookMetrics INSTANCE = new NoHookMetrics();

    private NoHookMetrics() {}

    @Override
    public Counter counter(String name, String... tags) {
        return this;
    }

    @Override
    public Timer timer(String name, String... tags) {
        return this;
    }

    @Override
    public void increment() {}

    @Override
    public void add(long amount) {}

    @Override
    public void record(Duration duration) {}
}

package dev.chathooks.testkit;

import dev.chathooks.api.HookKind;
import java.util.List;
import java.util.Map;

/**
 * What happened when a {@link HookTester} ran traffic through a hook: the calls it finished, the dead letters
 * (records the processor could not use, and calls the hook failed for good), and the records the hook wrote to
 * topics. Immutable.
 */
public final class HookRun {
    private final List<HookCall> calls;
    private final List<DeadLetter> deadLetters;
    private final Map<String, List<WrittenRecord>> written;
    private final HookFigures figures;

    HookRun(
            List<HookCall> calls,
            List<DeadLetter> deadLetters,
            Map<String, List<WrittenRecord>> written,
            HookFigures figures) {
        this.calls = List.copyOf(calls);
        this.deadLetters = List.copyOf(deadLetters);
        this.written = Map.copyOf(written);
        this.figures = figures;
    }

    /**
     * The calls the hook finished successfully, in the order they finished (for one conversation, the order of its
     * events). A call that failed for good is not here but in {@link #deadLetters()}.
     */
    public List<HookCall> calls() {
        return calls;
    }

    /** The calls of one kind, in order. */
    public List<HookCall> calls(HookKind kind) {
        return calls.stream().filter(call -> call.kind() == kind).toList();
    }

    /** The dead letters, in the order they were made. */
    public List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** The records the hook wrote to {@code topic} through its {@code TopicWriter}, in order (empty for none). */
    public List<WrittenRecord> written(String topic) {
        return written.getOrDefault(topic, List.of());
    }

    /**
     * What the hook counted on its counter {@code name} ({@code HookContext.metrics().counter(...)}), summed over
     * the counters whose tags include {@code tags} (key, value pairs; none: every counter of that name).
     */
    public long count(String name, String... tags) {
        return figures.count(name, tags);
    }

    /** How many durations the hook recorded on its timer {@code name}, over the timers whose tags include {@code tags}. */
    public long timings(String name, String... tags) {
        return figures.timings(name, tags);
    }

    @Override
    public String toString() {
        return "HookRun{calls=" + calls + ", deadLetters=" + deadLetters + ", written to " + written.keySet() + "}";
    }
}

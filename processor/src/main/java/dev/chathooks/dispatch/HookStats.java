package dev.chathooks.dispatch;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one hook's dispatch, read by the CLI's status lines and the benchmarks. Thread-safe. */
public final class HookStats {
    final LongAdder calls = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder skippedKind = new LongAdder();
    final LongAdder skippedDuplicate = new LongAdder();
    final LongAdder retries = new LongAdder();

    /** Invocations handed to the hook (each counted once, however many attempts it took). */
    public long calls() {
        return calls.sum();
    }

    /** Calls that succeeded. */
    public long succeeded() {
        return succeeded.sum();
    }

    /** Calls that failed for good and went to the dead-letter topic. */
    public long deadLettered() {
        return deadLettered.sum();
    }

    /** Invocations of kinds the hook does not handle, or meant for another hook. */
    public long skippedKind() {
        return skippedKind.sum();
    }

    /** Invocations skipped because the de-duplication window had seen their event id. */
    public long skippedDuplicate() {
        return skippedDuplicate.sum();
    }

    /** Attempts beyond the first. */
    public long retries() {
        return retries.sum();
    }

    @Override
    public String toString() {
        return "calls=" + calls() + ", succeeded=" + succeeded() + ", dead-lettered=" + deadLettered()
                + ", retries=" + retries() + ", duplicates skipped=" + skippedDuplicate();
    }
}

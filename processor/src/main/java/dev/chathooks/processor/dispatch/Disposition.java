package dev.chathooks.processor.dispatch;

/** What a {@link HookDispatcher} did with one record of the invocations topic, once it is finished with it. */
public enum Disposition {
    /** The hook was called and succeeded. */
    SUCCEEDED,
    /** The hook was called and failed for good: the record is dead-lettered as {@code hook-failed}. */
    HOOK_FAILED,
    /** The hook was not called: the record could not be decoded or the call prepared; it is dead-lettered. */
    NOT_CALLED,
    /** Not for this hook (another kind, a re-run for another hook) or a duplicate within the window. */
    SKIPPED;

    /** Whether the hook was called (maybe more than once) for the record. */
    public boolean called() {
        return this == SUCCEEDED || this == HOOK_FAILED;
    }
}

package dev.chathooks.processor.dispatch;

/**
 * How one hook call for one invocation ended, after retries.
 *
 * @param succeeded whether an attempt succeeded
 * @param attempts how many attempts were made
 * @param lastError the last attempt's error, or null when it succeeded
 */
public record CallOutcome(boolean succeeded, int attempts, Throwable lastError) {
    /** The error as written in dead letters: class and message, never a stack. */
    public String describeError() {
        return lastError == null ? "" : lastError.toString();
    }

    /** The reason of the dead letter a failed call makes: {@code hook-failed: <hook> after N attempts: <error>}. */
    public String deadLetterReason(String hookName) {
        return "hook-failed: " + hookName + " after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ")
                + describeError();
    }
}

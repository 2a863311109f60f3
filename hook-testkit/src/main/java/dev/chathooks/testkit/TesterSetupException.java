package dev.chathooks.testkit;

/**
 * A {@link HookTester} could not start its run, before any traffic was fed: a key given to {@link HookTester#set} or
 * {@link HookTester#config} is unknown or has an invalid value (the message names the key and what would be valid),
 * or the hook refused to start (the message names the hook and what it reported; the cause is the hook's own
 * exception, such as a {@code HookConfigException}).
 */
public final class TesterSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the key or the hook
     * @param cause the hook's own exception, or the processor's report of a bad key
     */
    TesterSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}

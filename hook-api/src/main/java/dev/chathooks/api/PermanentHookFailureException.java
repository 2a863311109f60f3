package dev.chathooks.api;

/**
 * Thrown by a hook (or used to complete its stage) when a call can never succeed, so that retrying is pointless:
 * the processor sends the invocation to the dead-letter topic at once, with this exception's message as the
 * reason's detail. Keep chat content and secrets out of the message.
 */
public class PermanentHookFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message why the call cannot succeed */
    public PermanentHookFailureException(String message) {
        super(message);
    }

    /**
     * @param message why the call cannot succeed
     * @param cause the underlying failure
     */
    public PermanentHookFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}

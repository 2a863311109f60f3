package dev.chathooks.processor.errors;

/**
 * An error the user caused and can fix (a wrong key, flag, file or plugin; a port taken; topics that do not fit),
 * whose message is fit to show as it is: it names what is wrong and says what would be valid or what to do. The
 * command line reports one as a single line with its user-error exit code, and anything else as a failure with its
 * stack trace, so a new kind of user error only has to extend this class to be reported as one.
 */
public abstract class UserErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message a sentence naming what is wrong and what would be valid or what to do */
    protected UserErrorException(String message) {
        super(message);
    }

    /**
     * @param message a sentence naming what is wrong and what would be valid or what to do
     * @param cause what went wrong underneath, kept for the logs
     */
    protected UserErrorException(String message, Throwable cause) {
        super(message, cause);
    }
}

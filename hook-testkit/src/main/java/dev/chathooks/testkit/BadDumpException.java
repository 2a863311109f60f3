package dev.chathooks.testkit;

/**
 * A topic dump given to {@link HookTester#run(java.nio.file.Path)} cannot be run: a line is not in the dump format,
 * or the dump has records of topics that the tester's configuration does not name. The message names the file,
 * the line and the field, or the topics. Thrown before the hook is called.
 */
public final class BadDumpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and where, as the dump reader put it
     * @param cause the reader's own exception, kept for its stack trace
     */
    BadDumpException(String message, Throwable cause) {
        super(message, cause);
    }
}

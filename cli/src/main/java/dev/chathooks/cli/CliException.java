package dev.chathooks.cli;

/** A command-line mistake; the message names the flag and says what would be valid. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}

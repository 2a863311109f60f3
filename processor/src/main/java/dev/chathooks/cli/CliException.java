package dev.chathooks.cli;

/** A command-line mistake; the message names the flag and says what would be valid. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}

package dev.chathooks.cli;

import dev.chathooks.processor.errors.UserErrorException;

/** A command-line mistake; the message names the flag and says what would be valid. */
public final class CliException extends UserErrorException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}

package dev.chathooks.devtools.dump;

import dev.chathooks.processor.errors.UserErrorException;

/** A line of a topic dump is not in the format; the message names the file, the line and the field. */
public final class DumpFormatException extends UserErrorException {
    private static final long serialVersionUID = 1L;

    public DumpFormatException(String message) {
        super(message);
    }
}

package dev.chathooks.processor.config;

import dev.chathooks.processor.errors.UserErrorException;

/** A configuration key or command-line flag is wrong; the message names it and says what would be valid. */
public final class ConfigException extends UserErrorException {
    private static final long serialVersionUID = 1L;

    /** @param message a sentence naming the key or flag and what would be valid */
    public ConfigException(String message) {
        super(message);
    }
}

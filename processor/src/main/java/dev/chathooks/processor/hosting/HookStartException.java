package dev.chathooks.processor.hosting;

import dev.chathooks.processor.errors.UserErrorException;

/** A hook refused to start; the message names the hook and says what it reported. */
public final class HookStartException extends UserErrorException {
    private static final long serialVersionUID = 1L;

    public HookStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

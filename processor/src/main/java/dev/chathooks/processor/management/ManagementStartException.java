package dev.chathooks.processor.management;

import dev.chathooks.processor.errors.UserErrorException;

/** The management endpoint could not start; the message says why and what to change. */
public final class ManagementStartException extends UserErrorException {
    ManagementStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

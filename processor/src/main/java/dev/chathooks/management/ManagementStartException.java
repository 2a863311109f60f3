package dev.chathooks.management;

/** The management endpoint could not start; the message says why and what to change. */
public final class ManagementStartException extends RuntimeException {
    ManagementStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.chathooks.devtools.embedded;

import dev.chathooks.processor.errors.UserErrorException;

/**
 * The embedded broker could not start or stop. The message says what went wrong and what to do about it, in a
 * form fit to show a user as it is.
 */
public final class EmbeddedKafkaException extends UserErrorException {
    private static final long serialVersionUID = 1L;

    EmbeddedKafkaException(String message) {
        super(message);
    }

    EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}

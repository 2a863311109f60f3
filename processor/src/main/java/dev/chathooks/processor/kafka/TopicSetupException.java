package dev.chathooks.processor.kafka;

import dev.chathooks.processor.errors.UserErrorException;

/**
 * Topics could not be created or described, or did not become ready in time. The message names the topics and
 * says what to do, in a form fit to show a user as it is.
 */
public class TopicSetupException extends UserErrorException {
    private static final long serialVersionUID = 1L;

    public TopicSetupException(String message) {
        super(message);
    }

    public TopicSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}

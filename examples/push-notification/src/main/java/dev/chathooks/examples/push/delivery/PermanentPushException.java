package dev.chathooks.examples.push.delivery;

/**
 * A notification cannot be delivered and retrying will not help, though the token is not known to be bad: the
 * payload, topic or credentials are wrong (APNs PayloadTooLarge, BadTopic, InvalidProviderToken; FCM
 * INVALID_ARGUMENT, THIRD_PARTY_AUTH_ERROR).
 */
public class PermanentPushException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason what failed, without tokens or content, such as {@code apns 400 BadTopic}
     * @param cause the underlying failure, or null
     */
    public PermanentPushException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

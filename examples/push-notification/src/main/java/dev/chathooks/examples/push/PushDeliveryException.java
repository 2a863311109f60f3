package dev.chathooks.examples.push;

/**
 * Some notifications of a hook call could not be delivered after all retries, for reasons that may pass: the call
 * fails, and the processor's retry (then dead-letter) handling takes it. Notifications already accepted are not
 * sent again when the call is retried.
 */
public class PushDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message how many notifications failed and the first reason, without tokens or content
     * @param cause the first failure
     */
    public PushDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}

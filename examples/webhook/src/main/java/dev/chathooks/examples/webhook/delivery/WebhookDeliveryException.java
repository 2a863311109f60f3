package dev.chathooks.examples.webhook.delivery;

/**
 * A request failed in a way that may pass (a 5xx, 408 or 429 answer, a timeout, a connection failure): the processor
 * retries the call with the hook's backoff. Failures that cannot pass are
 * {@link dev.chathooks.api.PermanentHookFailureException}s. The message holds the status and the endpoint's host,
 * never the payload or a signature.
 */
public final class WebhookDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public WebhookDeliveryException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the transport's exception
     */
    public WebhookDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}

/**
 * Sending the webhook's requests with the JDK's HTTP client, without blocking and at most a bounded number at once, and
 * sorting answers into delivered, retried by the processor ({@code WebhookDeliveryException}, honouring {@code
 * Retry-After}) or failed for good.
 */
package dev.chathooks.examples.webhook.delivery;

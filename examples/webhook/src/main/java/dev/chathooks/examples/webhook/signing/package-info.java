/**
 * Signing the webhook's requests the Standard Webhooks way (HMAC-SHA256 over id, timestamp and body, one signature per
 * secret).
 */
package dev.chathooks.examples.webhook.signing;

/**
 * A webhook instance's configuration, read and checked from its {@code hook.<name>.*} keys ({@code WebhookConfig}).
 */
package dev.chathooks.examples.webhook.config;

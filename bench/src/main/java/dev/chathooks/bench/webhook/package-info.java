/**
 * The webhook hook's benchmark: calls per second to a local HTTP endpoint, next to a bare JDK HTTP client sending the
 * same requests.
 */
package dev.chathooks.bench.webhook;

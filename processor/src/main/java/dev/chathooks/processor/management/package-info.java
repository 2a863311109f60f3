/**
 * The management endpoint: one small HTTP server (the JDK's) serving {@code GET /metrics} in the Prometheus text
 * format, {@code GET /health/live} and {@code GET /health/ready}. It changes nothing and reads no request body.
 */
package dev.chathooks.processor.management;

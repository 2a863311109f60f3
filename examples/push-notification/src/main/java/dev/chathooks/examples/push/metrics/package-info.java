/**
 * The push hook's own metrics, published by the processor with a {@code hook} label.
 */
package dev.chathooks.examples.push.metrics;

/**
 * A consumer-group member that hands each record of a topic to an asynchronous handler, in order per key and
 * concurrently across keys, with bounded in-flight work and commits that never pass an unfinished record:
 * {@link dev.chathooks.dispatch.consumer.KeyOrderedConsumer}. It knows nothing of hooks; dispatch runs one per hook.
 */
package dev.chathooks.dispatch.consumer;

/**
 * A consumer-group member that hands each record of a topic to an asynchronous handler, in order per key and
 * concurrently across keys, with bounded in-flight work and commits that never pass an unfinished record:
 * {@link dev.chathooks.processor.dispatch.consumer.KeyOrderedConsumer}, built with
 * {@link dev.chathooks.processor.dispatch.consumer.KeyOrderedConsumerBuilder}. It knows nothing of hooks; dispatch runs one per
 * hook. Its parts, one per guarantee, are package-private: the per-key chains, the in-flight gate, the offset
 * commits, the partition hand-over and the repositionings.
 */
package dev.chathooks.processor.dispatch.consumer;

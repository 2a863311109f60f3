/**
 * Live processing: {@code ChatHooksRuntime} starts and stops, in order, the broker (if embedded), the enrichment
 * topology in Kafka Streams and one supervised consumer group per hook ({@code LiveHook}), and judges their health
 * ({@code RuntimeHealth}).
 */
package dev.chathooks.processor.runtime;

/**
 * The process's metrics: one Micrometer registry, written in the Prometheus text format by the management
 * endpoint. {@link dev.chathooks.processor.metrics.ChatHooksMetrics} owns it and the binders of the JVM, Kafka Streams and
 * the Kafka clients; {@link dev.chathooks.processor.metrics.PipelineMetrics} counts what the topology reads, rejects and
 * writes; {@link dev.chathooks.processor.metrics.HookCallMetrics} counts and times one hook's calls; hooks' own figures go
 * through {@link dev.chathooks.api.HookMetrics}. {@link dev.chathooks.processor.metrics.HookStatsMBeans} publishes each hook's call
 * counters over JMX too ({@link dev.chathooks.processor.metrics.HookStatsMBean}).
 *
 * <p>Labels hold only bounded values: topic names, event types, reason codes, hook kinds, hook names, outcomes.
 * Meters on the hot path are made once and kept in arrays indexed by enum ordinals, so that counting a call
 * allocates nothing.
 */
package dev.chathooks.processor.metrics;

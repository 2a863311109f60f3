/**
 * The in-process, single-node Kafka broker that {@code run} starts when no cluster is given, and that
 * {@code demo} and the integration tests use: {@link dev.chathooks.devtools.embedded.EmbeddedKafka}.
 */
package dev.chathooks.devtools.embedded;

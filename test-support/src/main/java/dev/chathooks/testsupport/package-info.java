/**
 * Brokers and helpers for the tests of every module: one embedded broker per JVM ({@code SharedKafka}), a cluster of
 * standalone broker processes that a test can kill ({@code StandaloneKafka}), Testcontainers' Kafka where Docker
 * runs ({@code KafkaContainers}), topics, records, consumer groups, waiting, and a parser of the Prometheus text
 * format. Test scope only.
 */
package dev.chathooks.testsupport;

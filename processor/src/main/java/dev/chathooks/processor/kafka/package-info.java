/**
 * What the processor checks and prepares on a Kafka cluster before it starts: creating the topics it needs and
 * waiting until they take records ({@link dev.chathooks.processor.kafka.TopicSetup}), and refusing topics that should be
 * co-partitioned and are not ({@link dev.chathooks.processor.kafka.CoPartitioningCheck}).
 */
package dev.chathooks.processor.kafka;

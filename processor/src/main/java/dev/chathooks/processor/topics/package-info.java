/**
 * Which topics Chat Hooks uses and how each is made: {@link dev.chathooks.processor.topics.TopicPlan}, the one list that the
 * runtime creates at start and that the bench prepares. How topics are created on a cluster is
 * {@link dev.chathooks.processor.kafka}'s.
 */
package dev.chathooks.processor.topics;

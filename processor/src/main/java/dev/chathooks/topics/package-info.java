/**
 * Which topics Chat Hooks uses and how each is made: {@link dev.chathooks.topics.TopicPlan}, the one list that the
 * runtime creates at start and that the bench prepares. How topics are created on a cluster is
 * {@link dev.chathooks.kafka}'s.
 */
package dev.chathooks.topics;

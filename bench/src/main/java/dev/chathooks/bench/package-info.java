/**
 * The benchmarks ({@code chat-hooks-bench.jar}, outside the product jar): throughput, latency, CPU per event, heap and
 * start-up of Chat Hooks on one broker, each next to a baseline of the same run (a plain consumer, a pass-through Kafka
 * Streams topology).
 */
package dev.chathooks.bench;

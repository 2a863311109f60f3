/**
 * Replaying a topic dump with no broker: the real enrichment topology in Kafka Streams' {@code TopologyTestDriver} and
 * the same {@code HookDispatcher}s as a live run, fed in the dump's order ({@code Replayer}), and what the replay did
 * ({@code ReplaySummary}).
 */
package dev.chathooks.devtools.replay;

/**
 * The enrichment topology in Kafka Streams ({@code EnrichmentTopology}): the event contract's semantics as a pure
 * function ({@code ConversationLogic}), conversation state in a versioned store, typing batches, events held for {@code
 * join.grace} and for an unknown conversation's creation, and the lookup tables' updaters; it writes invocations or
 * dead letters, never throws for bad input.
 */
package dev.chathooks.processor.topology;

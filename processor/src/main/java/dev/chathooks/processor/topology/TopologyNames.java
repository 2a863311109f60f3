package dev.chathooks.processor.topology;

/** Stable names of the topology's nodes and stores: changing one orphans its changelog, so they never change. */
public final class TopologyNames {
    /** The source of the three conversation-keyed topics. */
    public static final String EVENTS_SOURCE = "chat-events-source";
    /** The processor that joins events with state and makes invocations. */
    public static final String ENRICH = "enrich";
    /** The versioned store of conversation state, keyed by conversation id. */
    public static final String CONVERSATION_STORE = "conversation-state";
    /** The store of open typing batches, when typing is coalesced. */
    public static final String TYPING_STORE = "typing-batches";
    /** The store of message and typing events held for the join grace period, when there is one. */
    public static final String JOIN_BUFFER_STORE = "join-buffer";
    /** The store of message and typing events waiting for their conversation's creation, when they wait. */
    public static final String UNKNOWN_CONVERSATION_STORE = "unknown-conversation-wait";
    /** The sink of invocations. */
    public static final String INVOCATIONS_SINK = "invocations-sink";
    /** The sink of dead letters. */
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";

    private TopologyNames() {}

    /** The global store that holds a lookup table over {@code topic}. */
    public static String lookupStore(String topic) {
        return "lookup-" + topic;
    }
}

package dev.chathooks.processor.topology;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest version of the conversation states a processor most recently read or wrote, so that the common case,
 * an event stamped at or after its conversation's latest change, is joined without reading the versioned store
 * (reading it was the largest cost of the enrichment after JSON). It is exact because the processor that keeps it
 * is the only writer of its task's store, and it starts empty whenever the task is initialized (after a restore
 * or a move to another instance). Bounded (least recently used first out); one per processor, so one thread.
 */
final class LatestStates {
    /**
     * A conversation's latest version in the store.
     *
     * @param timestamp the version's timestamp
     * @param state the state, or null when the latest version is a deletion
     */
    record Latest(long timestamp, ConversationState state) {}

    private final Map<String, Latest> entries;

    /** @param capacity the most conversations kept */
    LatestStates(int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Latest> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The latest version of {@code conversationId}, or null when it is not kept. */
    Latest get(String conversationId) {
        return entries.get(conversationId);
    }

    /** Remembers that {@code latest} is now the latest version of {@code conversationId} in the store. */
    void put(String conversationId, Latest latest) {
        entries.put(conversationId, latest);
    }

    /** Forgets the latest version of {@code conversationId}. */
    void remove(String conversationId) {
        entries.remove(conversationId);
    }

    /** Forgets everything (the store may have changed under it). */
    void clear() {
        entries.clear();
    }
}

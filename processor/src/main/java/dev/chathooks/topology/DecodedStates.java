package dev.chathooks.topology;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conversation states a processor most recently read or wrote, with their stored bytes: a state whose bytes in
 * the store are unchanged is not parsed again (parsing the state was a quarter of the enrichment's time, since
 * every event reads its conversation's state). Comparing the bytes keeps it exact whatever the store returns,
 * an older version included. Bounded (least recently used first out); one per processor, so one thread.
 */
final class DecodedStates {
    private record Entry(byte[] bytes, ConversationState state) {
    }

    private final Map<String, Entry> entries;

    /** @param capacity the most conversations kept */
    DecodedStates(int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The state stored as {@code bytes} for {@code conversationId}. */
    ConversationState decode(String conversationId, byte[] bytes) {
        Entry entry = entries.get(conversationId);
        if (entry != null && Arrays.equals(entry.bytes(), bytes)) {
            return entry.state();
        }
        ConversationState state = ConversationState.fromBytes(bytes);
        entries.put(conversationId, new Entry(bytes, state));
        return state;
    }

    /** Remembers that {@code state} was stored as {@code bytes}. */
    void stored(String conversationId, byte[] bytes, ConversationState state) {
        entries.put(conversationId, new Entry(bytes, state));
    }
}

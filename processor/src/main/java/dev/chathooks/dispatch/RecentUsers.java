package dev.chathooks.dispatch;

import dev.chathooks.api.User;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user records most recently resolved, with the table bytes each was made from. A user whose bytes in the
 * table are unchanged is not parsed again: parsing participants was the largest cost of dispatch (a
 * conversation's members are resolved for every call). Comparing the bytes keeps it exact whatever the table
 * does. Bounded (least recently used first out); thread-safe, since the hooks' consumers share a resolver.
 */
final class RecentUsers {
    private record Entry(byte[] bytes, User user) {
    }

    private final Map<String, Entry> entries;

    /** @param capacity the most users kept */
    RecentUsers(int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The user made from exactly {@code bytes} for {@code id}, or null. */
    synchronized User get(String id, byte[] bytes) {
        Entry entry = entries.get(id);
        return entry != null && Arrays.equals(entry.bytes(), bytes) ? entry.user() : null;
    }

    /** Remembers that {@code bytes} resolved to {@code user}. */
    synchronized void put(String id, byte[] bytes, User user) {
        entries.put(id, new Entry(bytes, user));
    }
}

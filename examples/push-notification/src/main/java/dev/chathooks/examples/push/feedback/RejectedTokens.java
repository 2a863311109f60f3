package dev.chathooks.examples.push.feedback;

import dev.chathooks.examples.push.devices.Platform;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokens a push service rejected for good, so this process does not use them again. Bounded: past its
 * capacity it forgets the oldest (by then the chat server has read the feedback topic and dropped them).
 * Thread-safe.
 */
public final class RejectedTokens {
    private final Map<String, Boolean> tokens;

    /** @param capacity the most tokens remembered; at least 1 */
    public RejectedTokens(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.tokens = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers that {@code token} was rejected. */
    public synchronized void add(Platform platform, String token) {
        tokens.put(key(platform, token), Boolean.TRUE);
    }

    /** Forgets {@code token}: its rejection could not be reported, so a retry should meet it again. */
    public synchronized void remove(Platform platform, String token) {
        tokens.remove(key(platform, token));
    }

    /** Whether {@code token} was rejected (and is still remembered). */
    public synchronized boolean contains(Platform platform, String token) {
        return tokens.containsKey(key(platform, token));
    }

    /** How many tokens are remembered. */
    public synchronized int size() {
        return tokens.size();
    }

    private static String key(Platform platform, String token) {
        return platform.wireName() + ':' + token;
    }
}

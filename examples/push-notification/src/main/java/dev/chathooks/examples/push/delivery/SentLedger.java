package dev.chathooks.examples.push.delivery;

import dev.chathooks.examples.push.notification.Notification;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which notifications a push service accepted, by event id and token, so that a hook call made again
 * for the same event (delivery is at least once: after a failure, a rebalance, a restart of the call) does not
 * notify again the users who already were. Bounded: it keeps a 64-bit fingerprint of the most recent
 * {@code capacity} entries. Thread-safe.
 */
public final class SentLedger {
    private final int capacity;
    private final Map<Long, Boolean> fingerprints;

    /** @param capacity the most notifications remembered; 0 remembers none */
    public SentLedger(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
        this.capacity = capacity;
        this.fingerprints = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The ledger's key of {@code notification} (same event, same platform and token: same key), to check it with
     * {@link #wasAccepted} and record it with {@link #recordAccepted}. Computed once per notification, where it is
     * planned: a SHA-256, which on the push client's I/O thread, where acceptances arrive, cost sends.
     */
    public long keyOf(Notification notification) {
        if (capacity == 0) {
            return 0; // a ledger that remembers nothing needs no key: nothing is checked or recorded with it
        }
        MessageDigest digest = DIGEST.get();
        digest.update(notification.eventId().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(notification.platform().wireName().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(notification.token().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest.digest()).getLong(); // digest() also resets it for the next use
    }

    /** Records that the notification of {@code key} ({@link #keyOf}) was accepted. */
    public void recordAccepted(long key) {
        if (capacity == 0) {
            return;
        }
        synchronized (this) {
            fingerprints.put(key, Boolean.TRUE);
        }
    }

    /** Whether the notification of {@code key} ({@link #keyOf}) was accepted before. */
    public boolean wasAccepted(long key) {
        if (capacity == 0) {
            return false;
        }
        synchronized (this) {
            return fingerprints.containsKey(key);
        }
    }

    /** One digest per thread: looking SHA-256 up for every notification cost more than hashing. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });
}

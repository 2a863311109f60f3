package dev.chathooks.processor.dispatch;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Remembers the event ids a hook finished for a while, so that a redelivery (after a rebalance or a crash) within
 * the window can be skipped. Bounded in time and in size; thread-safe.
 */
public final class DedupWindow {
    private static final int MAX_IDS = 1_000_000;

    private final long windowMillis;
    private final LongSupplier clock;
    private final LinkedHashMap<String, Long> finishedAt = new LinkedHashMap<>();

    /** @param window how long an id is remembered; zero turns the window off */
    public DedupWindow(Duration window, LongSupplier clock) {
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Whether {@code eventId} was finished within the window. */
    public synchronized boolean seen(String eventId) {
        if (windowMillis == 0) {
            return false;
        }
        evictExpired();
        return finishedAt.containsKey(eventId);
    }

    /** Records that {@code eventId} was finished now. */
    public synchronized void finished(String eventId) {
        if (windowMillis == 0) {
            return;
        }
        finishedAt.remove(eventId);
        finishedAt.put(eventId, clock.getAsLong());
        evictExpired();
    }

    /** Forgets every id: what comes next is handled even if it was finished before (a rewind asked for it). */
    public synchronized void clear() {
        finishedAt.clear();
    }

    private void evictExpired() {
        long oldest = clock.getAsLong() - windowMillis;
        Iterator<Map.Entry<String, Long>> entries = finishedAt.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Long> entry = entries.next();
            if (entry.getValue() > oldest && finishedAt.size() <= MAX_IDS) {
                break;
            }
            entries.remove();
        }
    }
}

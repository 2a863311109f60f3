package dev.chathooks.processor.tables;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values kept by key, up to a capacity: when it is full, about a tenth of what it keeps is dropped, whichever keys
 * those are. Nothing is recorded on a read, so reads cost a map lookup and take no lock, which is what the
 * dispatch threads that share these need; what is dropped is made again by its reader. Thread-safe.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class KeptValues<K, V> {
    private final Map<K, V> kept = new ConcurrentHashMap<>();
    private final int capacity;

    /** @param capacity the most keys kept; 0 keeps nothing */
    public KeptValues(int capacity) {
        this.capacity = capacity;
    }

    /** The value kept for {@code key}, or null. */
    public V get(K key) {
        return kept.get(key);
    }

    /** Keeps {@code value} for {@code key}, first dropping a tenth of the keys if it is full. */
    public void put(K key, V value) {
        if (capacity <= 0) {
            return;
        }
        if (kept.size() >= capacity && !kept.containsKey(key)) {
            dropATenth();
        }
        kept.put(key, value);
    }

    /** Drops what is kept for {@code key}. */
    public void remove(K key) {
        kept.remove(key);
    }

    /** Drops everything. */
    public void clear() {
        kept.clear();
    }

    private void dropATenth() {
        int toDrop = Math.max(1, capacity / 10);
        Iterator<K> keys = kept.keySet().iterator();
        while (toDrop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}

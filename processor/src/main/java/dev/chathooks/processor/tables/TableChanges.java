package dev.chathooks.processor.tables;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells whoever keeps values derived from a lookup table (parsed records, say) that the table changed, so that
 * they can keep them exactly without reading the table for every use. The table's writers call it after each
 * write: the topology's table updater for each key it puts or deletes, and the global-store restore listener
 * when Kafka Streams restores a table without the updater. Thread-safe.
 */
public final class TableChanges {
    /** Told of the changes of one table. Called on the writer's thread: it must be quick and must not throw. */
    public interface Listener {
        /** {@code key}'s value changed or was deleted; the table already holds the new value. */
        void changed(String key);

        /** Any key may have changed (a restore wrote to the table directly). */
        void changedAll();
    }

    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();

    /** Tells {@code listener} of every later change of {@code store}. */
    public void listen(String store, Listener listener) {
        listeners.computeIfAbsent(store, name -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** {@code key} of {@code store} changed. */
    public void changed(String store, String key) {
        List<Listener> told = listeners.get(store);
        if (told != null) {
            for (Listener listener : told) {
                listener.changed(key);
            }
        }
    }

    /** Any key of {@code store} may have changed. */
    public void changedAll(String store) {
        List<Listener> told = listeners.get(store);
        if (told != null) {
            for (Listener listener : told) {
                listener.changedAll();
            }
        }
    }
}

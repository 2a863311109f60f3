package dev.chathooks.tables;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The values of a lookup table parsed once and kept, most recently used first, up to a capacity: reading a key
 * that is kept costs a map lookup instead of a read of the table's store (resolving participants from the users
 * table was the largest cost of dispatch). It is exact: registered with {@link TableChanges}, it drops a key
 * when the table's writer changes it, and everything on a restore; a value read while the table changed is used
 * but not kept, since it may be older than the change. Thread-safe.
 *
 * @param <T> what a value is parsed into
 */
public final class ParsedTable<T> implements TableChanges.Listener {
    private final TableReader table;
    private final BiFunction<String, Optional<byte[]>, T> parse;
    private final Map<String, T> kept;
    /** Counts the changes: a value read is kept only if none happened while it was read. */
    private long changes;

    /**
     * @param table the table
     * @param parse turns a key and its raw value (empty when the table has none) into what is kept; called
     *              outside any lock, and it must not return null
     * @param capacity the most keys kept
     */
    public ParsedTable(TableReader table, BiFunction<String, Optional<byte[]>, T> parse, int capacity) {
        this.table = table;
        this.parse = parse;
        this.kept = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The parsed value of {@code key} as the table holds it now. */
    public T get(String key) {
        long changesBefore;
        synchronized (this) {
            T value = kept.get(key);
            if (value != null) {
                return value;
            }
            changesBefore = changes;
        }
        T value = parse.apply(key, table.get(key));
        synchronized (this) {
            if (changes == changesBefore) {
                kept.put(key, value);
            }
        }
        return value;
    }

    @Override
    public synchronized void changed(String key) {
        changes++;
        kept.remove(key);
    }

    @Override
    public synchronized void changedAll() {
        changes++;
        kept.clear();
    }
}

package dev.chathooks.processor.tables;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The values of a lookup table parsed once and kept, up to a capacity: reading a key that is kept costs a map lookup
 * instead of a read of the table's store (resolving participants from the users table was the largest cost of
 * dispatch). It is exact: registered with {@link TableChanges}, it drops a key when the table's writer changes it,
 * and everything on a restore; a value read while the table changed is used but not kept, since it may be older
 * than the change. Reads take no lock, since every hook's consumer resolves through it; when it is full, about a
 * tenth of what it keeps is dropped ({@link KeptValues}). Thread-safe.
 *
 * @param <T> what a value is parsed into
 */
public final class ParsedTable<T> implements TableChanges.Listener {
    private final TableReader table;
    private final BiFunction<String, Optional<byte[]>, T> parse;
    private final KeptValues<String, T> kept;
    /** Counts the changes: a value read is kept only if none happened while it was read and kept. */
    private final AtomicLong changes = new AtomicLong();

    /**
     * @param table the table
     * @param parse turns a key and its raw value (empty when the table has none) into what is kept; it must not
     *              return null
     * @param capacity the most keys kept
     */
    public ParsedTable(TableReader table, BiFunction<String, Optional<byte[]>, T> parse, int capacity) {
        this.table = table;
        this.parse = parse;
        this.kept = new KeptValues<>(capacity);
    }

    /** The parsed value of {@code key} as the table holds it now. */
    public T get(String key) {
        T value = kept.get(key);
        if (value != null) {
            return value;
        }
        long changesBefore = changes.get();
        value = parse.apply(key, table.get(key));
        if (changes.get() == changesBefore) {
            kept.put(key, value);
            // A change told between the check and the put may have found nothing to drop: drop it here then.
            if (changes.get() != changesBefore) {
                kept.remove(key);
            }
        }
        return value;
    }

    /**
     * How many changes the table was told of so far. What was read of the table while this stayed the same is still
     * what the table holds; it only counts once this is registered with {@link TableChanges}.
     */
    public long changeCount() {
        return changes.get();
    }

    /** Called by the table's writer after the table holds the new value. */
    @Override
    public void changed(String key) {
        changes.incrementAndGet();
        kept.remove(key);
    }

    @Override
    public void changedAll() {
        changes.incrementAndGet();
        kept.clear();
    }
}

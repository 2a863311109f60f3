package dev.chathooks.api;

import java.util.Optional;

/**
 * A read-only view of a compacted topic: the latest JSON value of each key. Thread-safe; reads are local and do
 * not block on the network. See {@link HookContext#lookupTable(String)}.
 */
public interface LookupTable {
    /** The topic this table reads. */
    String topic();

    /** The latest value of {@code key}, empty if there is none or it was deleted. */
    Optional<ChatObject> get(String key);
}

package dev.chathooks.processor.tables;

import java.util.Optional;

/** Reads the latest raw value of a key in a lookup table (a global store over a compacted topic). Thread-safe. */
@FunctionalInterface
public interface TableReader {
    /** The latest value of {@code key} as the topic held it (a JSON object, UTF-8), empty if none. */
    Optional<byte[]> get(String key);

    /** A table with nothing in it. */
    static TableReader empty() {
        return key -> Optional.empty();
    }
}

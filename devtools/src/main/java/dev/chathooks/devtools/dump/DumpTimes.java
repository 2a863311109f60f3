package dev.chathooks.devtools.dump;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The timestamps of a topic dump, gathered record by record: the oldest of each topic (what retention deletes
 * first) and the newest of all (what {@link #shiftToNow} aligns with the present).
 */
public final class DumpTimes {
    private final Map<String, Long> oldestByTopic = new LinkedHashMap<>();
    private long newest = Long.MIN_VALUE;

    /** Counts {@code record} in. */
    public void add(DumpRecord record) {
        oldestByTopic.merge(record.topic(), record.timestamp(), Math::min);
        newest = Math.max(newest, record.timestamp());
    }

    /** The topics seen, in the order they first appeared, each with its oldest timestamp (epoch milliseconds). */
    public Map<String, Long> oldestByTopic() {
        return Collections.unmodifiableMap(oldestByTopic);
    }

    /** The newest timestamp of the dump, empty for a dump without records. */
    public OptionalLong newest() {
        return newest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(newest);
    }

    /**
     * What to add to every timestamp so that the newest is {@code nowMs}, keeping order and spacing; 0 for an
     * empty dump.
     */
    public long shiftToNow(long nowMs) {
        return newest().isPresent() ? nowMs - newest : 0;
    }

    /** These times with every timestamp moved by {@code shiftMs}. */
    public DumpTimes shifted(long shiftMs) {
        DumpTimes moved = new DumpTimes();
        oldestByTopic.forEach((topic, oldest) -> moved.oldestByTopic.put(topic, oldest + shiftMs));
        moved.newest = newest == Long.MIN_VALUE ? newest : newest + shiftMs;
        return moved;
    }
}

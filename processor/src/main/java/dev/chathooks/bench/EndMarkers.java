package dev.chathooks.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversations that end a phase of the bench, one per partition of the conversation-keyed topics: their
 * events are the last records of every input partition, so when their hook calls were all made, the topology has
 * read every record before them (a partition is processed in offset order).
 */
final class EndMarkers {
    private static final String PREFIX = "bench-end-";

    private EndMarkers() {
    }

    /** Conversation ids of {@code phase}, the first one found for each of the {@code partitions}. */
    static List<String> conversations(String phase, int partitions) {
        String[] found = new String[partitions];
        int missing = partitions;
        for (int i = 0; missing > 0; i++) {
            String id = PREFIX + phase + "-" + i;
            int partition = BenchTraffic.partitionOf(id, partitions);
            if (found[partition] == null) {
                found[partition] = id;
                missing--;
            }
        }
        return new ArrayList<>(List.of(found));
    }

    /** Whether a conversation is an end marker's. */
    static boolean isMarker(String conversationId) {
        return conversationId.startsWith(PREFIX);
    }

    /** Hook calls that the end markers of one phase make: a creation, a message and a typing call each. */
    static int callsPerPhase(int partitions) {
        return 3 * partitions;
    }
}

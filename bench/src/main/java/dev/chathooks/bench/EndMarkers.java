package dev.chathooks.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The events that end a phase of the bench: for each partition of the conversation-keyed topics, an update of a
 * marker conversation on the conversations topic, a message in it on the messages topic and a typing event on the
 * typing topic, sent after everything else of the phase. Each makes one hook call, and they are the last records
 * of every input partition, so when all their calls were made, the topology has read every record of the phase (a
 * partition is processed in offset order).
 *
 * <p>The marker conversations are created before any traffic: Kafka Streams does not promise to process a task's
 * records across topics in timestamp order when some are not fetched yet, so a marker must not depend on another
 * marker of the same phase.
 */
final class EndMarkers {
    private static final String CONVERSATION_PREFIX = "bench-marker-";
    private static final String EVENT_PREFIX = "bench-end-";

    private EndMarkers() {}

    /** The marker conversations, the first id found for each of the {@code partitions}. */
    static List<String> conversations(int partitions) {
        String[] found = new String[partitions];
        int missing = partitions;
        for (int i = 0; missing > 0; i++) {
            String id = CONVERSATION_PREFIX + i;
            int partition = BenchTraffic.partitionOf(id, partitions);
            if (found[partition] == null) {
                found[partition] = id;
                missing--;
            }
        }
        return new ArrayList<>(List.of(found));
    }

    /** The id of a marker event of {@code phase}. */
    static String eventId(String phase, String conversation, String type) {
        return EVENT_PREFIX + phase + "-" + conversation + "-" + type;
    }

    /** The phase of an end marker's event id (as given to {@link #eventId}). */
    static String phaseOf(String eventId) {
        int end = eventId.indexOf("-" + CONVERSATION_PREFIX, EVENT_PREFIX.length());
        if (!isEndMarker(eventId) || end < 0) {
            throw new IllegalArgumentException(eventId + " is not an end marker's id");
        }
        return eventId.substring(EVENT_PREFIX.length(), end);
    }

    /** Whether an event is a phase's end marker (the creation of a marker conversation is not). */
    static boolean isEndMarker(String eventId) {
        return eventId.startsWith(EVENT_PREFIX);
    }

    /** Hook calls that the end markers of one phase make. */
    static int callsPerPhase(int partitions) {
        return 3 * partitions;
    }
}

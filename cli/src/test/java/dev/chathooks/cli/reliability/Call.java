package dev.chathooks.cli.reliability;

/**
 * One hook call as a fault test observes it.
 *
 * @param hook the hook's name
 * @param conversationId the conversation
 * @param eventId the event id
 * @param kind the seed name of the kind
 * @param instance the processor instance that made it (for calls observed across processes), or empty
 */
record Call(String hook, String conversationId, String eventId, String kind, String instance) {
    /** A line of a journal file: tab-separated fields. */
    String toLine() {
        return String.join("\t", hook, conversationId, eventId, kind, instance) + "\n";
    }

    /** The call a journal line records, or null for a line cut short. */
    static Call fromLine(String line) {
        String[] fields = line.split("\t", -1);
        return fields.length == 5 ? new Call(fields[0], fields[1], fields[2], fields[3], fields[4]) : null;
    }
}

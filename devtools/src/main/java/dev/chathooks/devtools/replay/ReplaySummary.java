package dev.chathooks.devtools.replay;

/**
 * What a replay did, for the closing line it prints.
 *
 * @param records records read from the dump
 * @param skipped records of topics the topology does not read (named in a warning)
 * @param invocations invocations made by the topology
 * @param calls hook calls made
 * @param deadLetters records and invocations dead-lettered
 * @param hookFailures hook calls that failed for good (each also a dead letter)
 * @param millis how long the replay took
 */
public record ReplaySummary(
        long records, long skipped, long invocations, long calls, long deadLetters, long hookFailures, long millis) {
    @Override
    public String toString() {
        return String.format(
                "Replayed %d records in %.1f s: %d invocations, %d hook calls, %d dead letters"
                        + " (%d from hook failures), %d records of other topics skipped.",
                records, millis / 1000.0, invocations, calls, deadLetters, hookFailures, skipped);
    }
}

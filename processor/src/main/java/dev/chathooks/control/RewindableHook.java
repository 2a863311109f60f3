package dev.chathooks.control;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** What the {@link ControlFollower} needs of one hook that runs in this instance. */
public interface RewindableHook {
    /** The partitions of the invocations topic this instance's member of the hook's group owns now. */
    Set<Integer> assignedPartitions();

    /**
     * Moves the hook's position on the partitions of {@code offsets} it owns and commits it there; forgets the
     * event ids it finished, so that its de-duplication window does not skip the re-run.
     *
     * @return completes with the offsets of the partitions moved, exceptionally if it could not commit them
     */
    CompletionStage<Map<Integer, Long>> rewind(Map<Integer, Long> offsets);
}

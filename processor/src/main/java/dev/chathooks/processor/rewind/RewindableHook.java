package dev.chathooks.processor.rewind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;

/**
 * One hook as this instance runs it, as the {@link ControlFollower} rewinds it: its consumer, and its memory of the
 * event ids it finished, which a rewind clears so that its de-duplication window does not skip the re-run.
 */
public final class RewindableHook {
    private final RepositionableConsumer consumer;
    private final Runnable forgetFinished;

    /**
     * @param consumer the hook's consumer of the invocations topic
     * @param forgetFinished clears the event ids the hook finished
     */
    public RewindableHook(RepositionableConsumer consumer, Runnable forgetFinished) {
        this.consumer = Objects.requireNonNull(consumer, "consumer is null");
        this.forgetFinished = Objects.requireNonNull(forgetFinished, "forgetFinished is null");
    }

    /** The partitions of the invocations topic this instance's member of the hook's group owns now. */
    Set<Integer> assignedPartitions() {
        Set<Integer> partitions = new TreeSet<>();
        consumer.assigned().forEach(partition -> partitions.add(partition.partition()));
        return partitions;
    }

    /**
     * Forgets the finished event ids, then moves the hook's position on the partitions of {@code offsets} it owns
     * and commits it there.
     *
     * @return completes with the offsets of the partitions moved, exceptionally if they could not be committed
     */
    CompletionStage<Map<Integer, Long>> rewind(Map<Integer, Long> offsets) {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        offsets.forEach((partition, offset) -> positions.put(new TopicPartition(consumer.topic(), partition), offset));
        forgetFinished.run();
        return consumer.reposition(positions).thenApply(moved -> {
            Map<Integer, Long> byPartition = new LinkedHashMap<>();
            moved.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
            return byPartition;
        });
    }
}

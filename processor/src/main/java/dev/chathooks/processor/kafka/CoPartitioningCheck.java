package dev.chathooks.processor.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Checks that topics are co-partitioned: that they all exist and have the same number of partitions. Records with
 * the same key in co-partitioned topics (written with the default partitioner) land in partitions with the same
 * number, so one instance of a consumer group sees all of them; a join of such topics is wrong without it.
 */
public final class CoPartitioningCheck {
    private CoPartitioningCheck() {}

    /**
     * Describes {@code topics} and checks that they are co-partitioned.
     *
     * @param admin the client to use; it stays the caller's to close
     * @param topics the names of the topics that must be co-partitioned
     * @param timeout how long the check may take
     * @return their common partition count
     * @throws CoPartitioningException naming every topic with its partition count, and what to do, if a topic is
     *     missing or the counts differ
     * @throws TopicSetupException if Kafka cannot be asked
     */
    public static int requireCoPartitioned(Admin admin, Collection<String> topics, Duration timeout) {
        Objects.requireNonNull(admin, "admin is null");
        List<String> names = topics.stream().distinct().toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("No topics to check");
        }
        Map<String, Optional<TopicDescription>> described =
                TopicDescriptions.describe(admin, names, Deadline.after(timeout));
        Map<String, OptionalInt> counts = new LinkedHashMap<>();
        for (String name : names) {
            counts.put(
                    name,
                    described
                            .get(name)
                            .map(description ->
                                    OptionalInt.of(description.partitions().size()))
                            .orElse(OptionalInt.empty()));
        }
        return requireCoPartitioned(counts);
    }

    /**
     * Checks partition counts already known: each topic's count, empty for a topic that does not exist.
     *
     * @return the common partition count
     * @throws CoPartitioningException if a topic is missing or the counts differ
     */
    static int requireCoPartitioned(Map<String, OptionalInt> counts) {
        List<String> missing = counts.entrySet().stream()
                .filter(entry -> entry.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .toList();
        List<Integer> distinctCounts = counts.values().stream()
                .filter(OptionalInt::isPresent)
                .map(OptionalInt::getAsInt)
                .distinct()
                .sorted()
                .toList();
        if (missing.isEmpty() && distinctCounts.size() == 1) {
            return distinctCounts.get(0);
        }
        int target = distinctCounts.isEmpty() ? 0 : distinctCounts.get(distinctCounts.size() - 1);
        StringBuilder message = new StringBuilder(
                        "These topics must be co-partitioned (the same number of "
                                + "partitions), so that records with the same key in them are processed together, but they are not: ")
                .append(counts.entrySet().stream()
                        .map(CoPartitioningCheck::describe)
                        .collect(Collectors.joining(", ")))
                .append('.');
        if (!missing.isEmpty()) {
            message.append(" Create ")
                    .append(String.join(", ", missing))
                    .append(target > 0 ? " with " + target + " partitions." : " with the same number of partitions.");
        }
        if (distinctCounts.size() > 1) {
            List<String> smaller = counts.entrySet().stream()
                    .filter(entry ->
                            entry.getValue().isPresent() && entry.getValue().getAsInt() < target)
                    .map(Map.Entry::getKey)
                    .toList();
            message.append(" Give ")
                    .append(String.join(", ", smaller))
                    .append(' ')
                    .append(target)
                    .append(" partitions like the largest (kafka-topics.sh --alter --topic <name> --partitions ")
                    .append(target)
                    .append("), or recreate the topics with one count. Adding partitions moves keys"
                            + " to other partitions, so do it before the topics hold records that matter.");
        }
        throw new CoPartitioningException(message.toString(), counts);
    }

    private static String describe(Map.Entry<String, OptionalInt> topic) {
        OptionalInt count = topic.getValue();
        if (count.isEmpty()) {
            return topic.getKey() + " does not exist";
        }
        return topic.getKey() + " has " + count.getAsInt() + (count.getAsInt() == 1 ? " partition" : " partitions");
    }
}

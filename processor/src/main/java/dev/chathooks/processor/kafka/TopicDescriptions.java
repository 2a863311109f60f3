package dev.chathooks.processor.kafka;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Describes topics, reporting a missing topic as empty so that callers can name it; other failures throw. */
final class TopicDescriptions {
    private TopicDescriptions() {}

    static Map<String, Optional<TopicDescription>> describe(Admin admin, Collection<String> names, Deadline deadline) {
        // Describing a topic that does not exist waits for it until the timeout: list the names first.
        Set<String> existing = listNames(admin, deadline);
        List<String> toDescribe = names.stream().filter(existing::contains).toList();
        Map<String, KafkaFuture<TopicDescription>> futures = toDescribe.isEmpty()
                ? Map.of()
                : admin.describeTopics(toDescribe, new DescribeTopicsOptions().timeoutMs(deadline.remainingMillis()))
                        .topicNameValues();
        Map<String, Optional<TopicDescription>> result = new LinkedHashMap<>();
        for (String name : names) {
            KafkaFuture<TopicDescription> future = futures.get(name);
            if (future == null) {
                result.put(name, Optional.empty());
                continue;
            }
            try {
                result.put(name, Optional.of(await(future, deadline, "describe topic " + name)));
            } catch (TopicSetupException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                result.put(name, Optional.empty()); // deleted since it was listed
            }
        }
        return result;
    }

    /** The names of the topics in the cluster, internal ones left out. */
    static Set<String> listNames(Admin admin, Deadline deadline) {
        return await(
                admin.listTopics(new ListTopicsOptions().timeoutMs(deadline.remainingMillis()))
                        .names(),
                deadline,
                "list the topics");
    }

    private static <T> T await(KafkaFuture<T> future, Deadline deadline, String what) {
        try {
            return future.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw notInTime(what, e.getCause());
            }
            throw new TopicSetupException("Cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw notInTime(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("Interrupted while waiting to " + what, e);
        }
    }

    /** Whether {@code e} says that a call of this class ran out of the time it was given. */
    static boolean ranOutOfTime(TopicSetupException e) {
        return e.getCause() instanceof TimeoutException
                || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
    }

    private static TopicSetupException notInTime(String what, Throwable cause) {
        return new TopicSetupException(
                "Kafka did not answer in time when asked to " + what + ". Check that the "
                        + "cluster is reachable at the bootstrap servers given, and healthy.",
                cause);
    }
}

package dev.chathooks.processor.runtime;

import dev.chathooks.processor.management.HealthProbe;
import dev.chathooks.processor.management.HealthStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The health of a running {@link ChatHooksRuntime}, from what it knows (no request to the cluster when asked):
 * <ul>
 *   <li>live unless Kafka Streams has failed or stopped (ERROR, PENDING_ERROR, NOT_RUNNING: it will not process
 *       again in this process) or a hook's consumer has stopped and no new one runs yet;</li>
 *   <li>ready when live, Kafka Streams is RUNNING or REBALANCING (a rebalance is a moment of every consumer's
 *       life and needs no restart nor a change of routing), every hook's consumer has joined its group, and the
 *       cluster problems given (partitions without a leader for too long, from a watch that asks the cluster on a
 *       thread of its own) are none. Those never make it not live: a restart would not bring a broker back.</li>
 * </ul>
 */
final class RuntimeHealth implements HealthProbe {
    private final Supplier<KafkaStreams.State> topology;
    private final Map<String, SupervisedConsumer> consumers;
    private final Supplier<List<String>> clusterProblems;

    /**
     * @param topology the state of the topology's Kafka Streams
     * @param consumers each hook's consumer, by hook name
     * @param clusterProblems what in the cluster keeps this instance from progressing (known without asking)
     */
    RuntimeHealth(
            Supplier<KafkaStreams.State> topology,
            Map<String, SupervisedConsumer> consumers,
            Supplier<List<String>> clusterProblems) {
        this.topology = topology;
        this.consumers = Map.copyOf(consumers);
        this.clusterProblems = clusterProblems;
    }

    @Override
    public HealthStatus live() {
        List<String> problems = new ArrayList<>();
        KafkaStreams.State state = topology.get();
        if (state == KafkaStreams.State.ERROR
                || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING) {
            problems.add("the topology's Kafka Streams is " + state + " and will not process again; restart");
        }
        consumers.forEach((hook, consumer) -> {
            if (!consumer.running()) {
                problems.add("the consumer of hook '" + hook + "' has stopped (" + consumer.restarts()
                        + " restarts so far); a new one is due");
            }
        });
        return new HealthStatus(problems);
    }

    @Override
    public HealthStatus ready() {
        List<String> problems = new ArrayList<>(live().problems());
        KafkaStreams.State state = topology.get();
        if (problems.isEmpty() && state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            problems.add("the topology's Kafka Streams is " + state + ", not RUNNING yet");
        }
        consumers.forEach((hook, consumer) -> {
            if (consumer.running() && !consumer.joined()) {
                problems.add("hook '" + hook + "' has not joined its consumer group " + consumer.groupId() + " yet");
            }
        });
        problems.addAll(clusterProblems.get());
        return new HealthStatus(problems);
    }
}

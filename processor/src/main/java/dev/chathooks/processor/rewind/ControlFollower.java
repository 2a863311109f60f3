package dev.chathooks.processor.rewind;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the control topic in one processor instance and applies the rewind requests meant for its hooks.
 *
 * <p>Every instance reads every message, from the end of the topic as it was at {@link #start()}. For a request,
 * an instance rewinds the partitions of the hook's group that it owns, then answers on the topic
 * ({@link ControlMessage.Rewound} or {@link ControlMessage.RewindFailed}). Until the request expires it also
 * rewinds partitions it is assigned later that no instance has answered for yet, so a rebalance while the
 * request travels leaves no partition out. Each instance rewinds a partition for a request at most once.
 */
public final class ControlFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REWIND_TIMEOUT = Duration.ofSeconds(90);

    private final String topic;
    private final String instance;
    private final Map<String, RewindableHook> hooks;
    private final Producer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Requests for this instance's hooks, by id, until they expire. Poll thread only. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private Thread thread;
    private volatile boolean closed;

    /**
     * @param consumerProperties properties of a consumer without a group (the cluster, security settings)
     * @param topic the control topic
     * @param instance this instance's id, written in answers
     * @param hooks the hooks this instance runs, by name
     * @param producer writes the answers (shared, thread-safe)
     */
    public ControlFollower(
            Properties consumerProperties,
            String topic,
            String instance,
            Map<String, RewindableHook> hooks,
            Producer<byte[], byte[]> producer) {
        this.topic = topic;
        this.instance = instance;
        this.hooks = Map.copyOf(hooks);
        this.producer = producer;
        this.consumer =
                new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Takes the end of the control topic as the place to read from, then follows it on a thread of its own.
     * Returns once that place is fixed: every message written after this returns is read.
     *
     * @throws KafkaException if the topic cannot be read
     */
    public void start() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new KafkaException("The control topic " + topic + " does not exist");
        }
        ControlTopic.readFromNowOn(consumer, topic, infos);
        thread = new Thread(this::follow, "control-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    read(record);
                }
                applyPending();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error(
                    "Stopped following the control topic {}: {}; hooks cannot be rewound while running until "
                            + "this instance restarts",
                    topic,
                    e.toString(),
                    e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        ControlMessage message;
        try {
            message = ControlCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping message {} of the control topic {}: {}", record.offset(), topic, e.getMessage());
            return;
        }
        if (message instanceof ControlMessage.RewindRequest request) {
            if (hooks.containsKey(request.hook()) && request.expiresAt() > System.currentTimeMillis()) {
                LOG.info(
                        "Rewind {} of hook '{}' asked for: offsets {}",
                        request.requestId(),
                        request.hook(),
                        new TreeMap<>(request.offsets()));
                pending.put(request.requestId(), new Pending(request));
            }
        } else if (message instanceof ControlMessage.Rewound rewound) {
            answered(rewound.requestId(), rewound.offsets().keySet());
        } else if (message instanceof ControlMessage.RewindFailed failed) {
            answered(failed.requestId(), failed.partitions());
        }
    }

    private void answered(String requestId, Set<Integer> partitions) {
        Pending request = pending.get(requestId);
        if (request != null) {
            request.answered.addAll(partitions);
        }
    }

    private void applyPending() {
        long now = System.currentTimeMillis();
        Iterator<Pending> requests = pending.values().iterator();
        while (requests.hasNext()) {
            Pending request = requests.next();
            if (request.request.expiresAt() <= now
                    || request.answered.containsAll(request.request.offsets().keySet())) {
                requests.remove();
                continue;
            }
            RewindableHook hook = hooks.get(request.request.hook());
            Set<Integer> owned = hook.assignedPartitions();
            Map<Integer, Long> todo = new TreeMap<>();
            request.request.offsets().forEach((partition, offset) -> {
                if (owned.contains(partition)
                        && !request.answered.contains(partition)
                        && !request.tried.contains(partition)) {
                    todo.put(partition, offset);
                }
            });
            if (!todo.isEmpty()) {
                request.tried.addAll(todo.keySet());
                rewind(request.request, hook, todo);
            }
        }
    }

    private void rewind(ControlMessage.RewindRequest request, RewindableHook hook, Map<Integer, Long> offsets) {
        ControlMessage answer;
        try {
            Map<Integer, Long> moved =
                    hook.rewind(offsets).toCompletableFuture().get(REWIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (moved.isEmpty()) {
                return; // no longer ours: the new owner answers
            }
            LOG.info(
                    "Rewound hook '{}' for request {}: partitions at {}",
                    request.hook(),
                    request.requestId(),
                    new TreeMap<>(moved));
            answer = new ControlMessage.Rewound(request.requestId(), request.hook(), instance, moved);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn(
                    "Could not rewind hook '{}' for request {} on partitions {}: {}",
                    request.hook(),
                    request.requestId(),
                    offsets.keySet(),
                    cause.toString());
            answer = new ControlMessage.RewindFailed(
                    request.requestId(), request.hook(), instance, offsets.keySet(), cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            producer.send(new ProducerRecord<>(
                            topic, request.hook().getBytes(StandardCharsets.UTF_8), ControlCodec.encode(answer)))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not answer rewind request {} on {}: {}", request.requestId(), topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops following and waits for the thread (a rewind under way is finished first). */
    @Override
    public void close() {
        closed = true;
        if (thread == null) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(REWIND_TIMEOUT.toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request and what is known of its partitions. */
    private static final class Pending {
        final ControlMessage.RewindRequest request;
        final Set<Integer> answered = new HashSet<>();
        final Set<Integer> tried = new HashSet<>();

        Pending(ControlMessage.RewindRequest request) {
            this.request = request;
        }
    }
}

package dev.chathooks.processor.rewind;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Asks the running processor instances to rewind a hook, through the control topic, and waits for their answers:
 * the side of {@link HookRewind} that works while the hook's group has active members.
 */
final class RewindRequester {
    private RewindRequester() {}

    /**
     * What the instances answered.
     *
     * @param rewound the partitions rewound (and committed), at their new offsets
     * @param instances the instances that rewound them
     * @param failed the partitions an instance could not rewind, with its error
     * @param unanswered the partitions no instance answered for in time
     */
    record Answers(
            Map<Integer, Long> rewound, Set<String> instances, Map<Integer, String> failed, Set<Integer> unanswered) {
        /** Whether every partition was rewound. */
        boolean complete() {
            return failed.isEmpty() && unanswered.isEmpty();
        }
    }

    /**
     * Writes a rewind request for {@code hook} and reads the control topic until every partition of
     * {@code offsets} is answered for, or {@code timeout} passed (then the request expires: no instance applies
     * it later).
     *
     * @param consumerProperties properties of a consumer without a group (the cluster, security settings)
     * @param producer writes the request
     * @param topic the control topic
     * @param offsets the offset to go on from, per partition of the invocations topic
     * @throws IllegalStateException if the control topic does not exist or the request cannot be written
     */
    static Answers request(
            Properties consumerProperties,
            Producer<byte[], byte[]> producer,
            String topic,
            String hook,
            Map<Integer, Long> offsets,
            Duration timeout)
            throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        Map<Integer, Long> rewound = new TreeMap<>();
        Map<Integer, String> failed = new TreeMap<>();
        Set<String> instances = new TreeSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("the control topic " + topic + " does not exist; is the processor "
                        + "a version that follows it?");
            }
            // Fix the place to read answers from before asking, so that no answer is missed.
            ControlTopic.readFromNowOn(consumer, topic, infos);
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            send(producer, topic, new ControlMessage.RewindRequest(requestId, hook, offsets, deadline));
            while (rewound.size() + failed.size() < offsets.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    ControlMessage message;
                    try {
                        message = ControlCodec.decode(record.value());
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    if (!message.requestId().equals(requestId)) {
                        continue;
                    }
                    if (message instanceof ControlMessage.Rewound answer) {
                        rewound.putAll(answer.offsets());
                        failed.keySet().removeAll(answer.offsets().keySet());
                        instances.add(answer.instance());
                    } else if (message instanceof ControlMessage.RewindFailed answer) {
                        answer.partitions().forEach(partition -> {
                            if (!rewound.containsKey(partition)) {
                                failed.put(partition, answer.instance() + ": " + answer.error());
                            }
                        });
                    }
                }
            }
        }
        Set<Integer> unanswered = new TreeSet<>(offsets.keySet());
        unanswered.removeAll(rewound.keySet());
        unanswered.removeAll(failed.keySet());
        return new Answers(rewound, instances, failed, unanswered);
    }

    private static void send(Producer<byte[], byte[]> producer, String topic, ControlMessage message)
            throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(
                            topic, message.hook().getBytes(StandardCharsets.UTF_8), ControlCodec.encode(message)))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "could not write the rewind request to " + topic + ": " + (e.getCause() == null ? e : e.getCause()),
                    e);
        }
    }
}

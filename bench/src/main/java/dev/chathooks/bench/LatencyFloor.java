package dev.chathooks.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The latency of two bare Kafka hops at the latency phase's rate, on the same broker and with the same chat server:
 * a relay (a plain consumer and a producer with Kafka Streams' producer settings as the pipeline configures them)
 * copies each conversation-keyed record to a topic of its own, and a plain consumer there takes the place of the
 * hook. What the pipeline's latency adds to this floor is what Chat Hooks itself adds: Kafka Streams' task loop, the
 * state, the invocation and the dispatch; the rest is the two hops' own waits (the producers' linger, two fetches).
 */
final class LatencyFloor implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> relayConsumer;
    private final KafkaProducer<byte[], byte[]> relayProducer;
    private final KafkaConsumer<byte[], byte[]> sink;
    private final LatencyProbe probe = new LatencyProbe();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Readies the relay and the sink at the end of their topics: what is sent after this returns is timed.
     *
     * @param streamsProperties the pipeline's Kafka Streams properties: its producer's settings are the relay's
     * @param inputs the conversation-keyed topics the chat server writes
     * @param relayTopic the topic the relay writes, with {@code partitions} partitions
     */
    LatencyFloor(
            String bootstrap,
            Properties streamsProperties,
            Collection<String> inputs,
            String relayTopic,
            int partitions) {
        Map<String, Object> producerConfig =
                new StreamsConfig(streamsProperties).getProducerConfigs("bench-latency-floor-relay");
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        relayProducer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        relayConsumer = atEnd(bootstrap, inputs, partitions);
        sink = atEnd(bootstrap, List.of(relayTopic), partitions);
        start("bench-latency-floor-relay", () -> {
            for (ConsumerRecord<byte[], byte[]> record : relayConsumer.poll(POLL)) {
                relayProducer.send(
                        new ProducerRecord<>(
                                relayTopic, record.partition(), record.timestamp(), record.key(), record.value()),
                        (written, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e); // a record lost is a failed run, said at once
                            }
                        });
            }
        });
        start("bench-latency-floor-sink", () -> {
            for (ConsumerRecord<byte[], byte[]> record : sink.poll(POLL)) {
                probe.called(BenchTraffic.eventId(record.value()));
            }
        });
    }

    /** What the chat server tells of each event it sends; the sink's receipt of it ends its time. */
    LatencyProbe probe() {
        return probe;
    }

    /**
     * Waits until every event announced has reached the sink, at most {@code timeout}, and gives their times.
     *
     * @throws IllegalStateException if the relay or the sink failed, or events did not arrive in time
     */
    Histogram await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (probe.waiting() > 0 && failure.get() == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        probe.waiting() + " of the events announced did not pass the two bare hops within " + timeout);
            }
            Thread.sleep(10);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the latency floor's relay failed", failure.get());
        }
        return probe.histogram();
    }

    @Override
    public void close() throws InterruptedException {
        relayConsumer.wakeup();
        sink.wakeup();
        for (Thread thread : threads) {
            thread.join();
        }
        relayConsumer.close();
        sink.close();
        relayProducer.close();
    }

    /** A consumer of every partition of {@code topics}, without a group, positioned at their ends. */
    private static KafkaConsumer<byte[], byte[]> atEnd(String bootstrap, Collection<String> topics, int partitions) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> assigned = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
        }
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(consumer::position); // resolves the ends now, before anything is sent
        return consumer;
    }

    /** One loop on a thread of its own, until {@link #close()} wakes its consumer up. */
    private void start(String name, Runnable pollOnce) {
        Thread thread = new Thread(
                () -> {
                    try {
                        while (true) {
                            pollOnce.run();
                        }
                    } catch (WakeupException closing) {
                        // close() asked
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                },
                name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }
}

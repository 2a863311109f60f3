package dev.chathooks.bench;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.runtime.StreamsFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The limit of a Kafka Streams application on this input: a topology that copies the conversation-keyed topics
 * to one output topic, with the same Streams configuration as the pipeline's topology (commit interval included).
 */
final class PassthroughBaseline {
    /**
     * What the pass-through measured, from the first record processed to the last.
     *
     * @param eventsPerSecond records per second
     * @param cpuMicrosPerEvent this process's CPU time over that span, per record, in microseconds
     */
    record Figures(double eventsPerSecond, double cpuMicrosPerEvent) {}

    private PassthroughBaseline() {}

    /**
     * Runs the pass-through over records sent in rounds, one after the other, and measures each round: by the count
     * of records processed, since a partition is processed in order and the rounds are sent one after the other.
     *
     * @param config the pipeline's configuration (its Streams properties and input topics)
     * @param outputTopic the topic to copy to; it must exist
     * @param rounds the records of each round, in the order they were sent
     * @throws IllegalStateException if they are not all processed within {@code timeout}
     */
    static List<Figures> measure(
            ChatHooksConfig config,
            String bootstrapServers,
            String outputTopic,
            Path stateDir,
            long[] rounds,
            Duration timeout)
            throws InterruptedException {
        long[] ends = new long[rounds.length];
        long total = 0;
        for (int i = 0; i < rounds.length; i++) {
            total += rounds[i];
            ends[i] = total;
        }
        long expected = total;
        AtomicLong processed = new AtomicLong();
        // When each round's first and last record were processed: slot 2i and 2i+1.
        AtomicLongArray times = new AtomicLongArray(2 * rounds.length);
        Topology topology = new Topology();
        topology.addSource(
                "input",
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                config.topics().conversationKeyed().toArray(String[]::new));
        topology.addProcessor(
                "copy",
                () -> new Processor<byte[], byte[], byte[], byte[]>() {
                    private ProcessorContext<byte[], byte[]> context;

                    @Override
                    public void init(ProcessorContext<byte[], byte[]> context) {
                        this.context = context;
                    }

                    @Override
                    public void process(Record<byte[], byte[]> record) {
                        long now = System.nanoTime();
                        long count = processed.incrementAndGet();
                        for (int i = 0; i < ends.length; i++) {
                            if (count == ends[i] - rounds[i] + 1) {
                                times.set(2 * i, now);
                            }
                            if (count == ends[i]) {
                                times.set(2 * i + 1, now);
                            }
                        }
                        context.forward(record);
                    }
                },
                "input");
        topology.addSink("output", outputTopic, new ByteArraySerializer(), new ByteArraySerializer(), "copy");

        Properties properties = StreamsFactory.properties(config, bootstrapServers, stateDir);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId() + "-passthrough");
        List<Figures> figures = new ArrayList<>();
        try (ProcessCpu cpu = ProcessCpu.start();
                KafkaStreams streams = new KafkaStreams(topology, properties)) {
            streams.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (processed.get() < expected) {
                if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("the pass-through processed " + processed.get() + " of " + expected
                            + " records in " + timeout.toSeconds() + " s (state " + streams.state() + ")");
                }
                Thread.sleep(20);
            }
            for (int i = 0; i < rounds.length; i++) {
                long first = times.get(2 * i);
                long last = times.get(2 * i + 1);
                figures.add(new Figures(
                        rounds[i] / ((last - first) / 1e9), cpu.nanosBetween(first, last) / 1e3 / rounds[i]));
            }
            streams.close(Duration.ofSeconds(30));
        }
        return figures;
    }
}

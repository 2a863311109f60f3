package dev.chathooks.bench;

import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.runtime.StreamsFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
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
    record Figures(double eventsPerSecond, double cpuMicrosPerEvent) {
    }

    private PassthroughBaseline() {
    }

    /**
     * Runs the pass-through over {@code expected} records.
     *
     * @param config the pipeline's configuration (its Streams properties and input topics)
     * @param outputTopic the topic to copy to; it must exist
     * @param round which run over the input this is: each reads it from the start as an application of its own
     * @throws IllegalStateException if they are not all processed within {@code timeout}
     */
    static Figures measure(ChatHooksConfig config, String bootstrapServers, String outputTopic, Path stateDir,
                           int round, long expected, Duration timeout) throws InterruptedException {
        AtomicLong processed = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        Topology topology = new Topology();
        topology.addSource("input", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                config.topics().conversationKeyed().toArray(String[]::new));
        topology.addProcessor("copy", () -> new Processor<byte[], byte[], byte[], byte[]>() {
            private ProcessorContext<byte[], byte[]> context;

            @Override
            public void init(ProcessorContext<byte[], byte[]> context) {
                this.context = context;
            }

            @Override
            public void process(Record<byte[], byte[]> record) {
                long now = System.nanoTime();
                first.compareAndSet(0, now);
                last.set(now);
                processed.incrementAndGet();
                context.forward(record);
            }
        }, "input");
        topology.addSink("output", outputTopic, new ByteArraySerializer(), new ByteArraySerializer(), "copy");

        Properties properties = StreamsFactory.properties(config, bootstrapServers, stateDir);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId() + "-passthrough-" + round);
        long cpuNanos;
        try (ProcessCpu cpu = ProcessCpu.start(); KafkaStreams streams = new KafkaStreams(topology, properties)) {
            streams.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (processed.get() < expected) {
                if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("the pass-through processed " + processed.get() + " of "
                            + expected + " records in " + timeout.toSeconds() + " s (state " + streams.state() + ")");
                }
                Thread.sleep(20);
            }
            cpuNanos = cpu.nanosBetween(first.get(), last.get());
            streams.close(Duration.ofSeconds(30));
        }
        return new Figures(expected / ((last.get() - first.get()) / 1e9), cpuNanos / 1e3 / expected);
    }
}

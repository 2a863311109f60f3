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
import java.util.function.Consumer;
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
    /** The cold round of the first pass over the backlog, and the warm round of the second. */
    record ColdAndWarm(RoundFigures cold, RoundFigures warm) {}

    private PassthroughBaseline() {}

    /**
     * Runs the pass-through over the backlog in passes, each as a new application in this JVM, until the JIT has
     * settled in the warm round ({@link RoundFigures#jitSettled}) or after {@code mostPasses}, and tells
     * {@code progress} each round's figures. The pipeline's warm round comes after a minute of its own work; one
     * pass over the backlog takes a few seconds, and after one the JIT is still compiling for most of a core (the
     * pass-through's code, and the broker's that serves it).
     */
    static ColdAndWarm coldAndWarm(
            ChatHooksConfig config,
            String bootstrapServers,
            String outputTopic,
            Path workDir,
            long[] rounds,
            int mostPasses,
            Duration timeout,
            Consumer<String> progress)
            throws InterruptedException {
        RoundFigures cold = null;
        RoundFigures warm = null;
        for (int pass = 1; pass <= mostPasses; pass++) {
            List<RoundFigures> figures = measure(
                    config,
                    bootstrapServers,
                    outputTopic,
                    workDir.resolve("passthrough-" + pass),
                    "-" + pass,
                    rounds,
                    timeout);
            for (int round = 0; round < rounds.length; round++) {
                progress.accept(figures.get(round).describe("  pass-through, pass " + pass, round, rounds.length));
            }
            cold = cold == null ? figures.get(0) : cold;
            warm = figures.get(rounds.length - 2);
            if (warm.jitSettled()) {
                break;
            }
        }
        return new ColdAndWarm(cold, warm);
    }

    /**
     * Runs the pass-through over records sent in rounds, one after the other, and measures each round: by the count
     * of records processed, since a partition is processed in order and the rounds are sent one after the other.
     *
     * @param config the pipeline's configuration (its Streams properties and input topics)
     * @param outputTopic the topic to copy to; it must exist
     * @param pass what tells this pass's application id from another pass's over the same records
     * @param rounds the records of each round, in the order they were sent
     * @throws IllegalStateException if they are not all processed within {@code timeout}
     */
    private static List<RoundFigures> measure(
            ChatHooksConfig config,
            String bootstrapServers,
            String outputTopic,
            Path stateDir,
            String pass,
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
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId() + "-passthrough" + pass);
        List<RoundFigures> figures = new ArrayList<>();
        try (ProcessCpu cpu = ProcessCpu.start();
                KafkaStreams streams = new KafkaStreams(topology, properties)) {
            streams.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            // The last round's end is noted just after the count reaches it, on the Streams thread: wait for both.
            while (processed.get() < expected || times.get(times.length() - 1) == 0) {
                if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("the pass-through processed " + processed.get() + " of " + expected
                            + " records in " + timeout.toSeconds() + " s (state " + streams.state() + ")");
                }
                Thread.sleep(20);
            }
            for (int i = 0; i < rounds.length; i++) {
                figures.add(RoundFigures.of(cpu, rounds[i], times.get(2 * i), times.get(2 * i + 1)));
            }
            streams.close(Duration.ofSeconds(30));
        }
        return figures;
    }
}

package dev.chathooks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.devtools.simulation.ChatSimulator;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.kafka.ClientProperties;
import dev.chathooks.processor.kafka.TopicSetup;
import dev.chathooks.processor.topics.Replication;
import dev.chathooks.processor.topics.TopicPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The simulated chat server that {@code demo} and {@code simulate} share: {@link ChatSimulator}'s traffic, written to
 * live topics at a steady rate of chat events (user and device records, written at start, are not paced).
 */
final class SimulatedChatServer {
    /** The fastest rate accepted: beyond it a single producer thread cannot keep the pace honest. */
    static final int MAX_RATE = 10_000;

    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ChatHooksConfig config;
    private final String bootstrapServers;
    private final ChatSimulator simulator;
    private final int rate;
    private final Map<String, Long> produced = new TreeMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    /**
     * @param config the configuration: topic names, partitions, and the Kafka client properties (security and such)
     * @param bootstrapServers the cluster to write to
     * @param users how many simulated users chat
     * @param conversations in how many conversations
     * @param rate chat events per second
     * @param seed the simulation's random seed
     * @throws CliException if the rate is out of range
     */
    SimulatedChatServer(
            ChatHooksConfig config, String bootstrapServers, int users, int conversations, int rate, long seed) {
        checkRate(rate);
        if (users < 2) {
            throw new CliException("--users " + users + " must be at least 2");
        }
        if (conversations < 1) {
            throw new CliException("--conversations " + conversations + " must be at least 1");
        }
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.rate = rate;
        this.simulator = new ChatSimulator(config.topics(), users, conversations, seed, System.currentTimeMillis());
    }

    /** @throws CliException naming {@code --rate} if the rate is out of range */
    static void checkRate(int rate) {
        if (rate < 1 || rate > MAX_RATE) {
            throw new CliException("--rate " + rate + " must be from 1 to " + MAX_RATE + " events per second");
        }
    }

    /**
     * Creates the input topics that are missing, as the processor would (its partition count; users and devices
     * compacted), so that a chat server started before the processor does not get auto-created topics with other
     * partition counts, which the processor's co-partitioning check would refuse.
     */
    void ensureInputTopics() {
        try (Admin admin = Admin.create(ClientProperties.admin(config, bootstrapServers))) {
            Replication replication = Replication.forCluster(admin, config, Duration.ofSeconds(60));
            new TopicSetup(admin, Duration.ofSeconds(60))
                    .ensureTopics(TopicPlan.chatServerTopics(config).stream()
                            .map(replication::apply)
                            .toList());
        }
    }

    /**
     * Produces until {@code runFor} has passed (forever when null), {@code maxEvents} chat events are written, or
     * {@code stopping} says so, then flushes.
     *
     * @param progress told a one-line summary every ten seconds
     */
    void run(Duration runFor, long maxEvents, BooleanSupplier stopping, Consumer<String> progress)
            throws InterruptedException {
        Properties properties = ClientProperties.producer(config, bootstrapServers, "chat-hooks-simulate");
        // A chat server sends each action as it happens; batching would bunch the paced events together.
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        long start = System.nanoTime();
        long end = runFor == null ? Long.MAX_VALUE : start + runFor.toNanos();
        long interval = 1_000_000_000L / rate;
        long next = start;
        long nextProgress = start + PROGRESS_EVERY_NANOS;
        long events = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            while (events < maxEvents
                    && !stopping.getAsBoolean()
                    && System.nanoTime() - end < 0
                    && firstFailure.get() == null) {
                DumpRecord record = simulator.next();
                producer.send(
                        new ProducerRecord<>(
                                record.topic(),
                                null,
                                System.currentTimeMillis(),
                                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                                record.value()),
                        (metadata, exception) -> {
                            if (exception != null) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, exception);
                            }
                        });
                produced.merge(kind(record), 1L, Long::sum);
                if (isEvent(record)) {
                    events++;
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                if (System.nanoTime() - nextProgress >= 0) {
                    nextProgress += PROGRESS_EVERY_NANOS;
                    progress.accept("Produced " + total() + " records so far: " + produced);
                }
            }
            producer.flush();
        }
    }

    /** Records produced so far, by event type (or {@code user} and {@code devices} for the table records). */
    Map<String, Long> produced() {
        return Map.copyOf(produced);
    }

    /** Records produced so far, in all. */
    long total() {
        return produced.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records the cluster refused; the first refusal is {@link #firstFailure()}. */
    long failed() {
        return failed.get();
    }

    /** The first error the cluster answered a record with, or null. */
    Exception firstFailure() {
        return firstFailure.get();
    }

    /** Where the simulated chat server writes. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    private boolean isEvent(DumpRecord record) {
        return !record.topic().equals(config.topics().users())
                && !record.topic().equals(config.topics().devices());
    }

    private String kind(DumpRecord record) {
        if (record.topic().equals(config.topics().users())) {
            return "user";
        }
        if (record.topic().equals(config.topics().devices())) {
            return "devices";
        }
        try {
            JsonNode type = Json.mapper().readTree(record.value()).get("type");
            return type == null ? "event" : type.asText();
        } catch (IOException e) {
            throw new IllegalStateException("the simulator writes JSON", e);
        }
    }
}

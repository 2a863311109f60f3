package dev.chathooks.cli.reliability;

import static dev.chathooks.testsupport.ManagementGet.body;
import static dev.chathooks.testsupport.ManagementGet.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.management.HealthProbe;
import dev.chathooks.processor.management.ManagementServer;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.StandaloneKafka;
import dev.chathooks.testsupport.TestRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker of a three-broker cluster (Kafka's own main class, Kafka's default settings) is killed with SIGKILL and
 * kept down. With the default replication (3, min.insync.replicas 2) one {@code run} instance under steady load
 * goes on calling every conversation's hook and loses nothing; with replication factor 1 configured on purpose, the
 * partitions of the lost broker stop, and readiness says so, naming them. The cluster is shared by both cases; each
 * restarts the broker it killed.
 */
@Tag("reliability")
class BrokerLossTest {
    private static final int CONVERSATIONS = 100;
    private static final int EVENTS = 6_000;
    /** About 200 events a second, as an operator's simulated chat would write: a chunk, then a pause. */
    private static final int CHUNK = 100;

    private static final Duration PAUSE = Duration.ofMillis(400);
    /** Generous for a loaded machine; the figure measured is in docs/reliability.md. */
    private static final Duration RESUME_BOUND = Duration.ofSeconds(60);
    /** How long the chat server's producer tries to write a chunk before it writes it again. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private static StandaloneKafka cluster;
    private static Admin admin;
    private int killed = -1;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = StandaloneKafka.start(3);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            ClusterView.keepLogs(cluster, "broker-loss");
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void restartTheKilledBroker() {
        if (killed >= 0 && !cluster.alive(killed)) {
            restart(killed);
        }
    }

    /** Restarts broker {@code i} and waits until the cluster counts it again, so the next case has three. */
    private static void restart(int i) {
        cluster.restart(i);
        Await.until(
                "the cluster has its three brokers again",
                Duration.ofSeconds(60),
                () -> brokers() == cluster.size(),
                () -> brokers() + " brokers");
    }

    private static int brokers() {
        try {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void withTheDefaultReplicationEveryConversationGoesOnAndNothingIsLostWhenABrokerIsKilled() throws Exception {
        Figures figures = Figures.of("a broker of three killed and kept down, default replication");
        CallLog log = new CallLog();
        Map<String, List<Long>> callTimes = new ConcurrentHashMap<>();
        ObservedHook hook = new ObservedHook(
                "observed",
                log,
                (event, message) -> callTimes
                        .computeIfAbsent(event.conversationId(), id -> new CopyOnWriteArrayList<>())
                        .add(System.nanoTime()));
        try (LiveProcessors processors = new LiveProcessors(cluster.bootstrapServers(), dir, "broker-loss")) {
            String app = processors.config().applicationId();
            ChatHooksRuntime runtime = processors.start("instance", hook);

            ChatLoad load = ChatLoad.generate("b", CONVERSATIONS, EVENTS, 11);
            long firstTimestamp = System.currentTimeMillis();
            List<String> sentAgain = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                for (List<ProducerRecord<byte[], byte[]>> chunk :
                        load.chunks(processors.keys(), CHUNK, firstTimestamp)) {
                    produceAsAChatServerWould(chunk, processors.topic("messages"), sentAgain);
                    pause(PAUSE);
                }
            });
            Await.until(
                    "a quarter of the calls are made",
                    Duration.ofSeconds(120),
                    () -> log.count("observed") >= EVENTS / 4,
                    () -> log.count("observed") + " calls");

            AtomicInteger unready = new AtomicInteger();
            AtomicBoolean watching = new AtomicBoolean(true);
            CompletableFuture<Void> readiness = watchReadiness(runtime.health(), watching, unready);
            killed = ClusterView.leaderOfFirstPartition(admin, processors.topic("messages"));
            String atTheKill = ClusterView.partitions(admin, processors.topic("messages"));
            long killedAt = System.nanoTime();
            cluster.kill(killed);
            int callsAtKill = log.count("observed");

            try {
                producing.get(240, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // The chat server's side could not write: say what the cluster showed, so a failure can be read.
                throw new AssertionError(
                        "The test's producer failed after broker " + killed + " was killed. Partitions at the kill: "
                                + atTheKill + "; now: " + ClusterView.partitions(admin, processors.topic("messages"))
                                + "; the brokers' logs are in target/reliability-logs",
                        e);
            }
            Set<String> expected =
                    load.events().stream().map(ChatLoad.Event::eventId).collect(Collectors.toSet());
            Await.until(
                    "every event's call was made",
                    Duration.ofSeconds(180),
                    () -> log.eventIds("observed").containsAll(expected),
                    () -> log.count("observed") + " calls");
            watching.set(false);
            readiness.get(10, TimeUnit.SECONDS);

            long slowestResume = slowestResume(callTimes, killedAt);
            // A chunk written again puts copies of records in the topic, and may put a conversation's events out of
            // order in the topic itself (see produceAsAChatServerWould): the order to keep is then the topic's,
            // read back, copies included.
            Map<String, List<String>> written =
                    sentAgain.isEmpty() ? load.streams() : load.writtenStreams(writtenIds(processors));
            DeliveryCheck check = DeliveryCheck.of("observed", load, written, log.of("observed"));
            figures.put("events", EVENTS)
                    .put("conversations", CONVERSATIONS)
                    .put("calls before the kill", callsAtKill)
                    .put("partitions of messages at the kill", atTheKill)
                    .put("chunks the chat server sent again", sentAgain)
                    .put("streams the topic holds out of the load's order", outOfOrderStreams(load, written))
                    .put("records the topic holds twice", copies(load, written))
                    .put("slowest conversation's first call after the kill", seconds(slowestResume))
                    .put("longest gap between two calls of a conversation", seconds(longestGap(callTimes)))
                    .put("readiness samples (every 0.5 s) not ready", unready.get())
                    .put("calls", check.calls())
                    .put("duplicates", check.duplicates() + " (" + check.duplicatePercent() + ")")
                    .put("missing", check.missingCount())
                    .put("order violations", check.violationCount());

            Map<String, String> replication = ClusterView.replicationOf(admin, app);
            replication.forEach((topic, factors) -> System.out.println("replication of " + topic + ": " + factors));
            figures.put("topics Chat Hooks created", replication.size());
            figures.report();

            assertThat(check.missing()).as("events never called").isEmpty();
            assertThat(check.violations()).as("calls out of order").isEmpty();
            assertThat(Duration.ofNanos(slowestResume))
                    .as("every conversation's calls continue")
                    .isLessThan(RESUME_BOUND);
            assertThat(replication)
                    .as("the topics Chat Hooks and its Kafka Streams created")
                    .containsKeys(
                            processors.topic("messages"),
                            processors.topic("dlq"),
                            app + "-invocations",
                            app + "-control")
                    .anySatisfy((topic, factors) -> assertThat(topic).endsWith("-changelog"))
                    .allSatisfy((topic, factors) ->
                            assertThat(factors).isEqualTo("replication factor 3, min.insync.replicas 2"));
            assertThat(runtime.health().ready().problems())
                    .as("ready with a broker down")
                    .isEmpty();
            assertThat(runtime.metrics().scrape()).contains("chathooks_unavailable_partitions 0.0");
        }
    }

    @Test
    void withReplicationFactorOneTheLostBrokersPartitionsMakeReadinessSay503NamingThem() throws Exception {
        Figures figures = Figures.of("a broker of three killed and kept down, replication factor 1 on purpose");
        try (LiveProcessors processors = new LiveProcessors(cluster.bootstrapServers(), dir, "broker-loss-rf1")
                        .set("topics.replication-factor", "1")
                        .set("topics.min-insync-replicas", "1")
                        .set("management.unavailable-grace", "2s");
                ManagementServer server = ManagementServer.start("127.0.0.1", 0, ChatHooksMetrics.bare())) {
            ChatHooksRuntime runtime = processors.start("instance", new ObservedHook("observed", new CallLog()));
            server.health(runtime.health());
            assertThat(status(server, "/health/ready")).isEqualTo(200);

            // The same topics, now wanted replicated three times, in production: the start is refused by name.
            processors
                    .set("topics.replication-factor", "3")
                    .set("topics.min-insync-replicas", "2")
                    .set("topics.replication-check", "fail");
            assertThatThrownBy(() -> processors.start("strict", new ObservedHook("observed", new CallLog())))
                    .hasMessageContaining("Topic " + processors.topic("messages") + " has 1 replica(s)")
                    .hasMessageContaining("kafka-reassign-partitions.sh")
                    .hasMessageContaining("kafka-configs.sh")
                    .hasMessageContaining("topics.replication-check=fail");

            killed = ClusterView.leaderOfFirstPartition(admin, processors.topic("messages"));
            long killedAt = System.nanoTime();
            cluster.kill(killed);
            String lost = processors.topic("messages") + "-0";
            Await.until(
                    "readiness names the lost partitions",
                    Duration.ofSeconds(90),
                    () -> status(server, "/health/ready") == 503
                            && body(server, "/health/ready").contains(lost),
                    () -> body(server, "/health/ready"));
            figures.put("time from the kill to 503 (grace 2 s)", seconds(System.nanoTime() - killedAt));
            String reason = body(server, "/health/ready");
            figures.put("reason", reason);
            assertThat(reason).contains("have had no leader");
            assertThat(status(server, "/health/live"))
                    .as("a restart would not bring the broker back")
                    .isEqualTo(200);
            double unavailable = unavailablePartitions(runtime.metrics().scrape());
            figures.put("chathooks_unavailable_partitions", unavailable);
            assertThat(unavailable).isPositive();

            restart(killed);
            long restartedAt = System.nanoTime();
            Await.until(
                    "ready again once the broker is back",
                    Duration.ofSeconds(90),
                    () -> status(server, "/health/ready") == 200,
                    () -> body(server, "/health/ready"));
            figures.put(
                    "time from the restart (the cluster whole again) to 200", seconds(System.nanoTime() - restartedAt));
        } finally {
            figures.report();
        }
    }

    /**
     * Writes {@code chunk} as a chat server that keeps its events would: a write its producer gave up on (its
     * delivery timeout passed) is written again, up to twice, by a new producer. The records of it that did land
     * are then written twice, with the same event ids: the hook may be called for them again, which the delivery
     * check counts as duplicates (at least once), never as lost. A record the producer gave up on (its batch expired
     * unsent) may have a later record of the same partition that was sent (a younger batch, sent once the new leader
     * was known): the topic then holds that conversation's events out of the load's order, the written-again copy
     * after the later event, and the order checked is the topic's, which is what Chat Hooks keeps. Each such write is noted with what the cluster showed of
     * {@code topic}, since it says the cluster, not Chat Hooks, refused the write. (Seen: after the leader's kill,
     * the new leader refused every retry of the producer's idempotent batches as out of order until its delivery
     * timeout; docs/reliability.md.)
     */
    private static void produceAsAChatServerWould(
            List<ProducerRecord<byte[], byte[]>> chunk, String topic, List<String> sentAgain) {
        for (int attempt = 1; ; attempt++) {
            try {
                TestRecords.produce(cluster.bootstrapServers(), chunk, DELIVERY_TIMEOUT);
                return;
            } catch (IllegalStateException e) {
                sentAgain.add(e.getCause() + " with " + topic + " at " + ClusterView.partitions(admin, topic));
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The event ids of the input topics as written, each partition in offset order. */
    private static List<String> writtenIds(LiveProcessors processors) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String topic : List.of(processors.topic("conversations"), processors.topic("messages"))) {
            // Reads until no more come: copies written again make the count unknown.
            for (ConsumerRecord<byte[], byte[]> record :
                    TestRecords.readAll(cluster.bootstrapServers(), topic, Integer.MAX_VALUE, Duration.ofSeconds(10))) {
                ids.add(Json.mapper().readTree(record.value()).path("id").asText());
            }
        }
        return ids;
    }

    /** How many streams the topic holds with their events first written in an order other than the load's. */
    private static long outOfOrderStreams(ChatLoad load, Map<String, List<String>> written) {
        Map<String, List<String>> planned = load.streams();
        return written.entrySet().stream()
                .filter(stream ->
                        !List.copyOf(new LinkedHashSet<>(stream.getValue())).equals(planned.get(stream.getKey())))
                .count();
    }

    /** How many records the topic holds beyond one for each event. */
    private static int copies(ChatLoad load, Map<String, List<String>> written) {
        return written.values().stream().mapToInt(List::size).sum() - load.size();
    }

    /** Samples readiness every half second while {@code watching}, counting the answers that were not ready. */
    private static CompletableFuture<Void> watchReadiness(
            HealthProbe health, AtomicBoolean watching, AtomicInteger unready) {
        return CompletableFuture.runAsync(() -> {
            while (watching.get()) {
                if (!health.ready().healthy()) {
                    unready.incrementAndGet();
                }
                pause(Duration.ofMillis(500));
            }
        });
    }

    /** The longest a conversation with calls after the kill waited for its first one. */
    private static long slowestResume(Map<String, List<Long>> callTimes, long killedAt) {
        long slowest = 0;
        for (List<Long> times : callTimes.values()) {
            long first = times.stream()
                    .filter(time -> time >= killedAt)
                    .mapToLong(Long::longValue)
                    .min()
                    .orElse(killedAt);
            slowest = Math.max(slowest, first - killedAt);
        }
        return slowest;
    }

    private static long longestGap(Map<String, List<Long>> callTimes) {
        long longest = 0;
        for (List<Long> times : callTimes.values()) {
            List<Long> sorted = times.stream().sorted().toList();
            for (int i = 1; i < sorted.size(); i++) {
                longest = Math.max(longest, sorted.get(i) - sorted.get(i - 1));
            }
        }
        return longest;
    }

    private static double unavailablePartitions(String scrape) {
        return scrape.lines()
                .filter(line -> line.startsWith("chathooks_unavailable_partitions "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst()
                .orElse(Double.NaN);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}

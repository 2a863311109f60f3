package dev.chathooks.processor.dispatch.consumer;

import static dev.chathooks.testsupport.TestRecords.record;
import static dev.chathooks.testsupport.TestRecords.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaCluster;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The behaviour of {@link KeyOrderedConsumer} on a real broker. */
abstract class KeyOrderedConsumerContract implements KafkaCluster {
    private final ScheduledExecutorService completions = Executors.newScheduledThreadPool(4);
    private final List<KeyOrderedConsumer> consumers = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        consumers.forEach(KeyOrderedConsumer::close);
        completions.shutdownNow();
    }

    @Test
    void handlesRecordsOfAKeyInOffsetOrderWhileKeysRunConcurrently() {
        String topic = TestTopics.createUnique(bootstrapServers(), "ordered", 3);
        int keys = 20;
        int perKey = 30;
        produce(
                topic,
                IntStream.range(0, perKey)
                        .boxed()
                        .flatMap(seq -> IntStream.range(0, keys)
                                .mapToObj(key -> record(topic, "c-" + key, "c-" + key + ":" + seq)))
                        .toList());
        Map<String, List<Integer>> seenByKey = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runningByKey = new ConcurrentHashMap<>();
        AtomicInteger overlapsWithinAKey = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peakRunning = new AtomicInteger();

        KeyOrderedConsumer consumer = start(topic, 100, record -> {
            String key = text(record.key());
            if (runningByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlapsWithinAKey.incrementAndGet();
            }
            peakRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            seenByKey
                    .computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(Integer.parseInt(text(record.value()).split(":")[1]));
            return later(ThreadLocalRandom.current().nextInt(0, 4), () -> {
                running.decrementAndGet();
                runningByKey.get(key).decrementAndGet();
            });
        });

        awaitHandled(consumer, keys * perKey);
        assertThat(seenByKey).hasSize(keys);
        List<Integer> inOrder = IntStream.range(0, perKey).boxed().toList();
        seenByKey.forEach(
                (key, sequence) -> assertThat(sequence).as("records of %s", key).isEqualTo(inOrder));
        assertThat(overlapsWithinAKey)
                .as("records of one key running at the same time")
                .hasValue(0);
        assertThat(peakRunning.get())
                .as("records of different keys running at the same time")
                .isGreaterThan(1);
    }

    @Test
    void startsARecordWithoutWaitingForUnfinishedRecordsOfOtherKeys() {
        String topic = TestTopics.createUnique(bootstrapServers(), "overlap", 1);
        produce(topic, List.of(record(topic, "slow", "first"), record(topic, "fast", "second")));
        CompletableFuture<Void> fastStarted = new CompletableFuture<>();

        // "slow" finishes only once "fast", behind it in the same partition, has started: a consumer that
        // handled records one by one, or one key after another, would never finish it.
        KeyOrderedConsumer consumer = start(topic, 10, record -> {
            if (text(record.key()).equals("slow")) {
                return fastStarted;
            }
            fastStarted.complete(null);
            return CompletableFuture.completedFuture(null);
        });

        awaitHandled(consumer, 2);
        assertThat(consumer.stats().failed()).isZero();
    }

    @Test
    void neverHasMoreRecordsInFlightThanItsBound() {
        String topic = TestTopics.createUnique(bootstrapServers(), "bounded", 3);
        int maxInFlight = 8;
        int count = 300;
        produce(
                topic,
                IntStream.range(0, count)
                        .mapToObj(i -> record(topic, "c-" + (i % 50), "v" + i))
                        .toList());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peakRunning = new AtomicInteger();

        KeyOrderedConsumer consumer = start(topic, maxInFlight, record -> {
            peakRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            return later(2, running::decrementAndGet);
        });

        awaitHandled(consumer, count);
        ConsumerStats stats = consumer.stats();
        assertThat(stats.peakInFlight()).isLessThanOrEqualTo(maxInFlight);
        assertThat(peakRunning.get()).isLessThanOrEqualTo(maxInFlight);
        assertThat(stats.pauses()).as("times fetching paused for back-pressure").isPositive();
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void commitsNoOffsetPastAnUnfinishedRecordSoTheGroupGetsItAgain() {
        String topic = TestTopics.createUnique(bootstrapServers(), "redelivered", 1);
        String group = TestTopics.uniqueName("group");
        produce(
                topic,
                IntStream.range(0, 10)
                        .mapToObj(i -> record(topic, "c-" + i, "v" + i))
                        .toList());

        KeyOrderedConsumer first = start(
                topic,
                group,
                100,
                Duration.ofMillis(200),
                record -> text(record.value()).equals("v5")
                        ? new CompletableFuture<>()
                        : CompletableFuture.completedFuture(null));
        awaitHandled(first, 9);
        first.close();

        assertThat(first.stats().committed()).containsEntry(new TopicPartition(topic, 0), 5L);
        List<String> secondSaw = new CopyOnWriteArrayList<>();
        KeyOrderedConsumer second = start(topic, group, 100, Duration.ofSeconds(5), record -> {
            secondSaw.add(text(record.value()));
            return CompletableFuture.completedFuture(null);
        });
        awaitHandled(second, 5);
        assertThat(secondSaw).containsExactly("v5", "v6", "v7", "v8", "v9");
    }

    @Test
    void commitsEveryFinishedRecordAtClose() {
        String topic = TestTopics.createUnique(bootstrapServers(), "committed", 2);
        String group = TestTopics.uniqueName("group");
        produce(
                topic,
                IntStream.range(0, 20)
                        .mapToObj(i -> record(topic, "c-" + i, "old" + i))
                        .toList());
        KeyOrderedConsumer first = start(topic, group, 100, Duration.ofSeconds(5), record -> later(1, () -> {}));
        awaitHandled(first, 20);

        first.close();

        assertThat(first.termination().toCompletableFuture()).isCompleted();
        produce(topic, List.of(record(topic, "c-new", "new")));
        List<String> secondSaw = new CopyOnWriteArrayList<>();
        KeyOrderedConsumer second = start(topic, group, 100, Duration.ofSeconds(5), record -> {
            secondSaw.add(text(record.value()));
            return CompletableFuture.completedFuture(null);
        });
        awaitHandled(second, 1);
        assertThat(secondSaw).containsExactly("new");
    }

    @Test
    void countsAFailedRecordAsFinishedAndGoesOn() {
        String topic = TestTopics.createUnique(bootstrapServers(), "failing", 1);
        produce(
                topic,
                IntStream.range(0, 5)
                        .mapToObj(i -> record(topic, "c-1", "v" + i))
                        .toList());

        KeyOrderedConsumer consumer = start(topic, 10, record -> switch (text(record.value())) {
            case "v1" -> CompletableFuture.failedFuture(new IllegalStateException("push service down"));
            case "v2" -> throw new IllegalStateException("hook bug");
            case "v3" -> null;
            default -> CompletableFuture.completedFuture(null);
        });

        awaitHandled(consumer, 5);
        assertThat(consumer.stats().failed()).isEqualTo(3);
        consumer.close();
        assertThat(consumer.stats().committed()).containsEntry(new TopicPartition(topic, 0), 5L);
    }

    @Test
    void sharesPartitionsWithAMemberThatJoinsAndTakesThemOverWhenItCloses() {
        String topic = TestTopics.createUnique(bootstrapServers(), "shared", 4);
        String group = TestTopics.uniqueName("group");
        int count = 1200;
        produce(
                topic,
                IntStream.range(0, count)
                        .mapToObj(i -> record(topic, "c-" + (i % 40), "v" + i))
                        .toList());
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Map<String, Set<String>> byMember =
                Map.of("a", ConcurrentHashMap.newKeySet(), "b", ConcurrentHashMap.newKeySet());

        // a starts alone and is busy with all four partitions when b joins (at most 200 records/s each, for
        // 4 in flight of 20 ms): a hands some back mid-stream.
        KeyOrderedConsumer a = start(topic, group, 4, Duration.ofSeconds(5), member("a", byMember, handled));
        Await.until("a handled records", () -> byMember.get("a").size() > 50);
        KeyOrderedConsumer b = start(topic, group, 4, Duration.ofSeconds(5), member("b", byMember, handled));
        Await.until(
                "both members own partitions and handled records",
                Await.DEFAULT_TIMEOUT,
                () -> !a.stats().assigned().isEmpty()
                        && !b.stats().assigned().isEmpty()
                        && a.stats().assigned().size() + b.stats().assigned().size() == 4
                        && byMember.get("b").size() > 20,
                () -> "a owns " + a.stats().assigned() + ", b owns " + b.stats().assigned());
        Set<TopicPartition> ownedByA = a.stats().assigned();

        a.close();

        Await.until(
                "b owns every partition",
                Await.DEFAULT_TIMEOUT,
                () -> b.stats().assigned().size() == 4,
                () -> "b owns " + b.stats().assigned());
        Set<String> expected = new HashSet<>();
        IntStream.range(0, count).forEach(i -> expected.add("v" + i));
        Await.until(
                "every record was handled at least once",
                Await.DEFAULT_TIMEOUT,
                () -> handled.containsAll(expected),
                () -> (count - handled.size()) + " not handled yet");
        assertThat(b.stats().assigned()).containsAll(ownedByA);
    }

    private RecordHandler member(String name, Map<String, Set<String>> byMember, Set<String> handled) {
        return record -> later(20, () -> {
            byMember.get(name).add(text(record.value()));
            handled.add(text(record.value()));
        });
    }

    private KeyOrderedConsumer start(String topic, int maxInFlight, RecordHandler handler) {
        return start(topic, TestTopics.uniqueName("group"), maxInFlight, Duration.ofSeconds(5), handler);
    }

    private KeyOrderedConsumer start(
            String topic, String group, int maxInFlight, Duration closeTimeout, RecordHandler handler) {
        KeyOrderedConsumer consumer = KeyOrderedConsumer.builder()
                .bootstrapServers(bootstrapServers())
                .groupId(group)
                .clientId(TestTopics.uniqueName("consumer"))
                .property("auto.offset.reset", "earliest")
                .topic(topic)
                .handler(handler)
                .maxInFlight(maxInFlight)
                .commitInterval(Duration.ofMillis(100))
                .closeTimeout(closeTimeout)
                .build();
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }

    private CompletableFuture<Void> later(long delayMillis, Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        completions.schedule(
                () -> {
                    action.run();
                    done.complete(null);
                },
                delayMillis,
                TimeUnit.MILLISECONDS);
        return done;
    }

    private void produce(String topic, List<ProducerRecord<byte[], byte[]>> records) {
        TestRecords.produce(bootstrapServers(), records);
    }

    private static void awaitHandled(KeyOrderedConsumer consumer, long count) {
        Await.until(
                count + " records handled",
                Await.DEFAULT_TIMEOUT,
                () -> consumer.stats().handled() >= count,
                () -> "stats: " + consumer.stats());
    }
}

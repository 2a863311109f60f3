package dev.chathooks.processor.dispatch.consumer;

import static dev.chathooks.testsupport.TestRecords.bytes;
import static dev.chathooks.testsupport.TestRecords.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's commits, back-pressure, partition hand-over and repositioning on Kafka's {@code MockConsumer}:
 * what a broker test cannot show deterministically (which offsets were committed, and when). Rebalances are run
 * inside a poll, on the poll thread, as Kafka runs them.
 */
class KeyOrderedConsumerTest {
    private static final String TOPIC = "invocations";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    /** Long enough that no periodic commit happens during a test: the commits seen are the hand-over's. */
    private static final Duration NEVER = Duration.ofHours(1);

    private final RecordingMockConsumer mock = new RecordingMockConsumer();
    /** The values of the records started, in the order started. */
    private final List<String> started = new CopyOnWriteArrayList<>();
    /** The records held unfinished by the handler, by value, until the test finishes them. */
    private final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

    /** The records started and the polls' boundaries, in order. */
    private final List<String> timeline = new CopyOnWriteArrayList<>();

    private static final String POLL_STARTED = "(poll started)";
    private static final String POLL_HANDED_OVER = "(poll handed over)";

    private volatile Predicate<String> hold = value -> false;
    private KeyOrderedConsumer consumer;

    @AfterEach
    void finishEverythingAndClose() {
        hold = value -> false;
        held.values().forEach(stage -> stage.complete(null));
        if (consumer != null) {
            consumer.close();
        }
    }

    @Test
    void commitsNoOffsetPastAnUnfinishedRecordAndMovesOnOnceItFinishes() {
        hold = "v5"::equals;
        start(100, Duration.ofMillis(10));
        assign(
                List.of(P0),
                IntStream.range(0, 10)
                        .mapToObj(i -> record(P0, i, "c-" + i, "v" + i))
                        .toList());

        Await.until(
                "every record but v5 finished and offset 5 committed",
                Await.DEFAULT_TIMEOUT,
                () -> consumer.stats().handled() == 9 && mock.committedOffset(P0) == 5,
                this::state);
        assertThat(mock.commits())
                .allSatisfy(commit -> assertThat(commit.get(P0)).isLessThanOrEqualTo(5L));

        held.get("v5").complete(null);

        Await.until("offset 10 committed", Await.DEFAULT_TIMEOUT, () -> mock.committedOffset(P0) == 10, this::state);
        // The consumer notes a commit once the commit call returns, a moment after the broker (here the mock) has it.
        Await.until(
                "the consumer's stats show offset 10 committed",
                Await.DEFAULT_TIMEOUT,
                () -> Long.valueOf(10).equals(consumer.stats().committed().get(P0)),
                this::state);
        assertThat(consumer.stats().committed()).containsEntry(P0, 10L);
    }

    @Test
    void pausesFetchingAtItsBoundAndResumesWhenRecordsFinish() {
        hold = value -> true;
        start(4, NEVER);
        assign(
                List.of(P0),
                IntStream.range(0, 20)
                        .mapToObj(i -> record(P0, i, "c-" + i, "v" + i))
                        .toList());

        Await.until(
                "fetching paused with the bound reached",
                Await.DEFAULT_TIMEOUT,
                () -> consumer.stats().paused()
                        && consumer.stats().inFlight() == 4
                        && mock.paused().contains(P0),
                this::state);
        assertThat(started).as("records started while paused at the bound of 4").hasSize(4);

        hold = value -> false;
        held.values().forEach(stage -> stage.complete(null));

        Await.until(
                "every record handled and fetching resumed",
                Await.DEFAULT_TIMEOUT,
                () -> consumer.stats().handled() == 20
                        && !consumer.stats().paused()
                        && mock.paused().isEmpty(),
                this::state);
        ConsumerStats stats = consumer.stats();
        assertThat(stats.peakInFlight()).isLessThanOrEqualTo(4);
        assertThat(stats.pauses()).isPositive();
        assertThat(started)
                .containsExactlyElementsOf(
                        IntStream.range(0, 20).mapToObj(i -> "v" + i).toList());
    }

    @Test
    void handsBackARevokedPartitionOnceItsRunningRecordFinishesAndCommitsWhatFinished() {
        hold = "a0"::equals;
        start(100, NEVER);
        assign(
                List.of(P0, P1),
                List.of(
                        record(P0, 0, "a", "a0"),
                        record(P0, 1, "b", "b0"),
                        record(P0, 2, "a", "a1"),
                        record(P1, 0, "c", "c0")));
        Await.until(
                "a0 running, b0 and c0 finished",
                Await.DEFAULT_TIMEOUT,
                () -> held.containsKey("a0") && consumer.stats().handled() == 2,
                this::state);

        mock.schedulePollTask(() -> mock.rebalance(List.of(P1)));
        // The hand-over waits for a0 on the poll thread, once it gave the partition up and dropped a1.
        Await.until(
                "partition 0 given up and a1 dropped",
                Await.DEFAULT_TIMEOUT,
                () -> consumer.stats().assigned().equals(Set.of(P1))
                        && consumer.stats().inFlight() == 1,
                this::state);
        held.get("a0").complete(null);

        Await.until(
                "partition 0 committed at the hand-over",
                Await.DEFAULT_TIMEOUT,
                () -> mock.committedOffset(P0) >= 0,
                this::state);
        assertThat(mock.committedOffset(P0))
                .as("a1, waiting behind a0, was dropped: its offset")
                .isEqualTo(2);
        assertThat(mock.commits()).containsExactly(Map.of(P0, 2L));
        assertThat(started).containsExactlyInAnyOrder("a0", "b0", "c0");
        assertThat(consumer.stats().inFlight()).isZero();
    }

    @Test
    void dropsTheWorkOfALostPartitionWithoutCommitting() {
        hold = "a0"::equals;
        start(100, NEVER);
        assign(List.of(P0), List.of(record(P0, 0, "a", "a0"), record(P0, 1, "a", "a1")));
        Await.until("a0 running", Await.DEFAULT_TIMEOUT, () -> held.containsKey("a0"), this::state);

        mock.schedulePollTask(() -> mock.losePartitions(List.of(P0)));
        Await.until(
                "partition 0 lost and a1 dropped",
                Await.DEFAULT_TIMEOUT,
                () -> consumer.stats().assigned().isEmpty() && consumer.stats().inFlight() == 1,
                this::state);
        held.get("a0").complete(null);

        Await.until("a0 finished", Await.DEFAULT_TIMEOUT, () -> consumer.stats().handled() == 1, this::state);
        assertThat(started).containsExactly("a0");
        assertThat(mock.commits()).isEmpty();
        assertThat(consumer.stats().inFlight()).isZero();
    }

    @Test
    void repositionDropsWaitingRecordsLetsTheRunningOneFinishCommitsAndGoesOnFromTheNewOffset() throws Exception {
        hold = "a0"::equals;
        start(100, NEVER);
        assign(List.of(P0), List.of(record(P0, 0, "a", "a0"), record(P0, 1, "a", "a1"), record(P0, 2, "a", "a2")));
        Await.until("a0 running", Await.DEFAULT_TIMEOUT, () -> held.containsKey("a0"), this::state);

        CompletableFuture<Map<TopicPartition, Long>> moved = consumer.reposition(
                        Map.of(P0, 0L, new TopicPartition(TOPIC, 7), 3L))
                .toCompletableFuture();
        Await.until(
                "a1 and a2 dropped",
                Await.DEFAULT_TIMEOUT,
                () -> consumer.stats().inFlight() == 1,
                this::state);
        hold = value -> false;
        held.get("a0").complete(null);

        assertThat(moved.get(Await.DEFAULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("only the partition owned")
                .isEqualTo(Map.of(P0, 0L));
        assertThat(mock.commits()).containsExactly(Map.of(P0, 0L));
        assertThat(started).containsExactly("a0");
        // What the broker would fetch again from offset 0.
        List.of(record(P0, 0, "a", "a0"), record(P0, 1, "a", "a1"), record(P0, 2, "a", "a2"))
                .forEach(mock::addRecord);
        Await.until(
                "the records from offset 0 handled again",
                Await.DEFAULT_TIMEOUT,
                () -> consumer.stats().handled() == 4,
                this::state);
        assertThat(started).containsExactly("a0", "a0", "a1", "a2");
    }

    @Test
    void theHandlerIsToldBeforeAndAfterItIsHandedAPollsRecords() {
        start(100, NEVER);
        assign(List.of(P0, P1), List.of(record(P0, 0, "a", "a0"), record(P0, 1, "b", "b0"), record(P1, 0, "c", "c0")));

        Await.until(
                "three records finished",
                Await.DEFAULT_TIMEOUT,
                () -> consumer.stats().handled() == 3,
                this::state);
        assertThat(timeline).containsSubsequence(POLL_STARTED, "a0", "b0", POLL_HANDED_OVER);
        assertThat(timeline).contains("c0");
        boolean inPoll = false;
        for (String entry : timeline) {
            if (entry.equals(POLL_STARTED)) {
                assertThat(inPoll)
                        .as("a poll started inside another, in " + timeline)
                        .isFalse();
                inPoll = true;
            } else if (entry.equals(POLL_HANDED_OVER)) {
                assertThat(inPoll)
                        .as("a poll handed over that had not started, in " + timeline)
                        .isTrue();
                inPoll = false;
            } else {
                assertThat(inPoll)
                        .as(entry + " handed over outside a poll, in " + timeline)
                        .isTrue();
            }
        }
        assertThat(inPoll).isFalse();
    }

    private void start(int maxInFlight, Duration commitInterval) {
        mock.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer = KeyOrderedConsumer.builder()
                .bootstrapServers("unused:9092")
                .groupId("unit")
                .clientId("unit-consumer")
                .topic(TOPIC)
                .maxInFlight(maxInFlight)
                .commitInterval(commitInterval)
                .closeTimeout(Duration.ofSeconds(30))
                .handler(new RecordHandler() {
                    @Override
                    public CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record) {
                        String value = text(record.value());
                        started.add(value);
                        timeline.add(value);
                        if (!hold.test(value)) {
                            return CompletableFuture.completedFuture(null);
                        }
                        CompletableFuture<Void> stage = new CompletableFuture<>();
                        held.put(value, stage);
                        return stage;
                    }

                    @Override
                    public void pollStarted() {
                        timeline.add(POLL_STARTED);
                    }

                    @Override
                    public void pollHandedOver() {
                        timeline.add(POLL_HANDED_OVER);
                    }
                })
                .consumerFactory(config -> {
                    // As Kafka's consumer does with the capped max.poll.records.
                    mock.setMaxPollRecords(Long.parseLong(
                            config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG).toString()));
                    return mock;
                })
                .build();
        consumer.start();
    }

    /** Assigns {@code partitions} inside the next poll, with records to fetch. */
    private void assign(List<TopicPartition> partitions, List<ConsumerRecord<byte[], byte[]>> records) {
        mock.schedulePollTask(() -> {
            mock.rebalance(partitions);
            records.forEach(mock::addRecord);
        });
    }

    private static ConsumerRecord<byte[], byte[]> record(
            TopicPartition partition, long offset, String key, String value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, bytes(key), bytes(value));
    }

    private String state() {
        return "stats " + consumer.stats() + ", started " + started + ", commits " + mock.commits();
    }
}

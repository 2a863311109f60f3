package dev.chathooks.processor.dispatch.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionWorkTest {
    private static final TopicPartition PARTITION = new TopicPartition("invocations", 0);

    private final PartitionWork work = new PartitionWork(PARTITION);

    @Test
    void startsARecordAtOnceWhenNoOtherOfItsKeyIsUnfinished() {
        assertThat(work.add(record(0, "a"))).isTrue();
        assertThat(work.add(record(1, "b"))).isTrue();
        assertThat(work.add(record(2, "a"))).isFalse();
    }

    @Test
    void handsOverTheNextRecordOfTheKeyWhenTheRunningOneFinishes() {
        ConsumerRecord<byte[], byte[]> first = record(0, "a");
        ConsumerRecord<byte[], byte[]> second = record(1, "a");
        work.add(first);
        work.add(second);

        assertThat(work.finish(first)).isSameAs(second);
        assertThat(work.finish(second)).isNull();
        assertThat(work.running()).isZero();
    }

    @Test
    void ordersRecordsWithoutAKeyAmongThemselves() {
        assertThat(work.add(record(0, null))).isTrue();
        assertThat(work.add(record(1, null))).isFalse();
        assertThat(work.add(record(2, "a"))).isTrue();
    }

    @Test
    void commitsUpToTheFirstUnfinishedRecordOnly() {
        ConsumerRecord<byte[], byte[]> r0 = record(0, "a");
        ConsumerRecord<byte[], byte[]> r1 = record(1, "b");
        ConsumerRecord<byte[], byte[]> r2 = record(2, "c");
        work.add(r0);
        work.add(r1);
        work.add(r2);

        work.finish(r0);
        work.finish(r2);
        assertThat(work.committableOffset()).hasValue(1);

        work.finish(r1);
        assertThat(work.committableOffset()).hasValue(3);
    }

    @Test
    void hasNothingToCommitBeforeTheFirstRecord() {
        assertThat(work.committableOffset()).isEmpty();
    }

    @Test
    void commitsPastGapsInTheOffsets() {
        // Compaction and transaction markers leave offsets without records.
        ConsumerRecord<byte[], byte[]> r5 = record(5, "a");
        work.add(r5);
        work.finish(r5);

        assertThat(work.committableOffset()).hasValue(6);
    }

    @Test
    void closingDropsWaitingRecordsAndNeverCommitsPastThem() {
        ConsumerRecord<byte[], byte[]> running = record(0, "a");
        work.add(running);
        work.add(record(1, "a"));
        work.add(record(2, "a"));

        assertThat(work.close()).isEqualTo(2);
        assertThat(work.finish(running)).isNull();
        assertThat(work.committableOffset()).hasValue(1);
    }

    @Test
    void reportsRecordsStillRunningWhenTheWaitEnds() throws InterruptedException {
        work.add(record(0, "a"));
        work.add(record(1, "b"));
        work.close();

        assertThat(work.awaitIdle(System.nanoTime() + 1_000_000)).isEqualTo(2);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, keyBytes, new byte[0]);
    }
}

package dev.chathooks.processor.topology;

import dev.chathooks.processor.invocation.Invocation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds message and typing events for the join grace period ({@code join.grace}), so that conversation events
 * stamped earlier but read later (they come from another topic) are in the state when the event is joined, as of its
 * own timestamp. An event leaves the buffer, in timestamp order, once stream time has passed its timestamp plus the
 * grace, or once it has waited the grace in wall-clock time (a quiet topic does not hold it back forever). The
 * buffer is a store with a changelog: a restart loses nothing.
 */
final class JoinBuffer {
    /** What to do with a record once its grace is over. */
    interface Release {
        void accept(Record<byte[], byte[]> record, Invocation.Source source);
    }

    private final ProcessorContext<byte[], byte[]> context;
    private final KeyValueStore<Bytes, byte[]> store;
    private final long graceMs;
    private final Release release;

    JoinBuffer(
            ProcessorContext<byte[], byte[]> context,
            KeyValueStore<Bytes, byte[]> store,
            Duration grace,
            Release release) {
        this.context = context;
        this.store = store;
        this.graceMs = grace.toMillis();
        this.release = release;
        Duration interval = Duration.ofMillis(Math.max(10, graceMs / 4));
        context.schedule(interval, PunctuationType.STREAM_TIME, this::releaseByStreamTime);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::releaseByWallClock);
    }

    /** Holds {@code record} until its grace is over. */
    void hold(Record<byte[], byte[]> record, Invocation.Source source) {
        ByteBuffer key = ByteBuffer.allocate(8 + 4 + 8 + 4);
        key.putLong(record.timestamp())
                .putInt(source.partition())
                .putLong(source.offset())
                .putInt(source.topic().hashCode()); // a record's time, then where it was read: unique and ordered
        HeldRecord held = new HeldRecord(record, source, context.currentSystemTimeMs());
        store.put(Bytes.wrap(key.array()), HeldRecord.write(held.toJson()));
    }

    private void releaseByStreamTime(long streamTime) {
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> held = store.all()) {
            while (held.hasNext()) {
                KeyValue<Bytes, byte[]> entry = held.next();
                if (ByteBuffer.wrap(entry.key.get()).getLong() + graceMs > streamTime) {
                    break; // in timestamp order: the rest are later still
                }
                due.add(entry);
            }
        }
        releaseAll(due);
    }

    private void releaseByWallClock(long wallTime) {
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> held = store.all()) {
            while (held.hasNext()) {
                KeyValue<Bytes, byte[]> entry = held.next();
                if (HeldRecord.read(entry.value).path("wall").asLong() + graceMs <= wallTime) {
                    due.add(entry);
                }
            }
        }
        releaseAll(due);
    }

    private void releaseAll(List<KeyValue<Bytes, byte[]>> due) {
        for (KeyValue<Bytes, byte[]> entry : due) {
            store.delete(entry.key);
            HeldRecord held = HeldRecord.fromJson(HeldRecord.read(entry.value));
            release.accept(held.record(), held.source());
        }
    }
}

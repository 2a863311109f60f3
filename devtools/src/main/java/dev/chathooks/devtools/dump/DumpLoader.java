package dev.chathooks.devtools.dump;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a topic dump into live topics, record by record in the dump's order, with each record's key, value,
 * timestamp and headers. Records of one topic and key keep their order (same partition, idempotent producer).
 */
public final class DumpLoader {
    private DumpLoader() {}

    /**
     * Sends every record and waits until all are stored.
     *
     * @return how many records were written
     * @throws IllegalStateException if a record could not be stored (the first error)
     */
    public static long load(Iterator<DumpRecord> records, Producer<byte[], byte[]> producer) {
        return load(records, producer, 0);
    }

    /**
     * Sends every record with {@code timestampShiftMs} added to its timestamp (order and spacing kept), and
     * waits until all are stored.
     *
     * @return how many records were written
     * @throws IllegalStateException if a record could not be stored (the first error)
     */
    public static long load(Iterator<DumpRecord> records, Producer<byte[], byte[]> producer, long timestampShiftMs) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long count = 0;
        while (records.hasNext() && failure.get() == null) {
            DumpRecord record = records.next();
            RecordHeaders headers = new RecordHeaders();
            record.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(
                    new ProducerRecord<>(
                            record.topic(),
                            null,
                            record.timestamp() + timestampShiftMs,
                            record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                            record.value(),
                            headers),
                    (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
            count++;
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "A record could not be written: " + failure.get().getMessage(), failure.get());
        }
        return count;
    }
}

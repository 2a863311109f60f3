package dev.chathooks.processor.topology;

import static dev.chathooks.processor.deadletter.ReasonCode.KEY_MISMATCH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.deadletter.DeadLetter;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.deadletter.DeadLetterSink;
import dev.chathooks.processor.deadletter.RejectedRecordException;
import dev.chathooks.processor.event.EventParser;
import dev.chathooks.processor.metrics.PipelineMetrics;
import dev.chathooks.processor.tables.TableChanges;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global lookup table (users, devices, or any compacted topic a hook asks for) from its topic: a JSON
 * object per string key, a tombstone deletes. A record that is not usable is handed to the dead-letter sink
 * (global processors cannot forward) and leaves the table as it was. Each change is told to {@link TableChanges}
 * once the store holds it.
 */
final class LookupTableUpdater implements Processor<byte[], byte[], Void, Void> {
    private final String storeName;
    private final int maxRecordBytes;
    private final DeadLetterSink deadLetters;
    private final TableChanges changes;
    private final PipelineMetrics metrics;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> table;

    LookupTableUpdater(
            String storeName,
            int maxRecordBytes,
            DeadLetterSink deadLetters,
            TableChanges changes,
            PipelineMetrics metrics) {
        this.metrics = metrics;
        this.storeName = storeName;
        this.maxRecordBytes = maxRecordBytes;
        this.deadLetters = deadLetters;
        this.changes = changes;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.table = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        try {
            if (record.key() == null) {
                throw new RejectedRecordException(
                        KEY_MISMATCH, "the record has no key; it must be the id it describes");
            }
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                table.delete(key);
                changes.changed(storeName, key);
                return;
            }
            ObjectNode value = EventParser.parseObject(record.value(), maxRecordBytes);
            JsonNode id = value.get("id");
            if (id != null && id.isTextual() && !id.textValue().equals(key)) {
                throw new RejectedRecordException(
                        KEY_MISMATCH, "key " + key + " is not the record's id " + id.textValue());
            }
            table.put(key, record.value());
            changes.changed(storeName, key);
        } catch (RejectedRecordException e) {
            RecordMetadata metadata = context.recordMetadata().orElseThrow();
            metrics.rejected(e.rejection().code());
            deadLetters.accept(new DeadLetter(
                    record.key(),
                    record.value(),
                    record.timestamp(),
                    DeadLetterHeaders.of(
                            record.headers(),
                            e.rejection(),
                            metadata.topic(),
                            metadata.partition(),
                            metadata.offset())));
        }
    }
}

package dev.chathooks.processor.runtime;

import dev.chathooks.api.TopicWriter;
import dev.chathooks.processor.json.HookRecordValues;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A hook's {@link TopicWriter} on a live cluster: JSON values through the runtime's shared producer. */
final class KafkaTopicWriter implements TopicWriter {
    private final String topic;
    private final Producer<byte[], byte[]> producer;

    KafkaTopicWriter(String topic, Producer<byte[], byte[]> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public CompletionStage<Void> send(String key, Map<String, ?> value) {
        byte[] bytes = HookRecordValues.encode(value);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        producer.send(
                new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), bytes),
                (metadata, error) -> {
                    if (error == null) {
                        stored.complete(null);
                    } else {
                        stored.completeExceptionally(error);
                    }
                });
        return stored;
    }
}

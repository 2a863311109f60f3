package dev.chathooks.admin;

import dev.chathooks.deadletter.DeadLetterHeaders;
import dev.chathooks.deadletter.DeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Reads the dead-letter topic and sends dead letters back to where they failed: an input record to its input topic
 * (the topology checks it again), a {@code hook-failed} invocation to the invocations topic marked for the one hook
 * that failed (the other hooks skip it).
 *
 * <p>A re-run record gets the current time as its timestamp, so that a message dead-lettered as
 * {@code unknown-conversation} is joined with the conversation's state as it is now; its CloudEvents {@code time}
 * attribute still says when it happened.
 */
public final class DeadLetterQueue {
    /** Header on a re-run record: the offset of the dead letter it came from. */
    public static final String RERUN_OF = "chat-hooks.rerun-of-offset";

    private final String deadLetterTopic;
    private final String invocationsTopic;

    public DeadLetterQueue(String deadLetterTopic, String invocationsTopic) {
        this.deadLetterTopic = deadLetterTopic;
        this.invocationsTopic = invocationsTopic;
    }

    /**
     * Reads every dead letter from {@code fromOffset} (in each partition) to the end as it is now.
     *
     * @throws IllegalArgumentException if the topic does not exist
     */
    public void read(KafkaConsumer<byte[], byte[]> consumer, long fromOffset, Consumer<DeadLetter> sink) {
        List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("The dead-letter topic " + deadLetterTopic + " does not exist");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        partitions.forEach(partition -> consumer.seek(partition, Math.max(fromOffset, beginnings.get(partition))));
        ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        while (!ends.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = ends.get(partition);
                if (end != null && record.offset() < end) {
                    sink.accept(DeadLetter.of(record));
                }
            }
            ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        }
    }

    /**
     * Sends one dead letter back to where it failed.
     *
     * @return completes with the topic it was sent to once the broker has it, exceptionally if it could not be sent
     * @throws IllegalArgumentException if the dead letter does not say where it came from (such as one that Kafka
     *     Streams' own exception handler wrote)
     */
    public CompletableFuture<String> rerun(DeadLetter letter, Producer<byte[], byte[]> producer) {
        if (letter.sourceTopic() == null) {
            throw new IllegalArgumentException("dead letter " + letter.record().partition() + ":"
                    + letter.record().offset() + " has no " + DeadLetterHeaders.SOURCE_TOPIC + " header");
        }
        Headers headers = new RecordHeaders(letter.record().headers().toArray());
        for (String name : List.of(DeadLetterHeaders.REASON, DeadLetterHeaders.REASON_CODE,
                DeadLetterHeaders.SOURCE_TOPIC, DeadLetterHeaders.SOURCE_PARTITION, DeadLetterHeaders.SOURCE_OFFSET,
                DeadLetterHeaders.HOOK, DeadLetterHeaders.ATTEMPTS, DeadLetterHeaders.ERROR)) {
            headers.remove(name);
        }
        DeadLetters.set(headers, RERUN_OF, letter.record().partition() + ":" + letter.record().offset());
        String target = letter.sourceTopic();
        if (target.equals(invocationsTopic) && letter.hook() != null) {
            DeadLetters.set(headers, DeadLetterHeaders.TARGET_HOOK, letter.hook());
        }
        CompletableFuture<String> sent = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(target, null, System.currentTimeMillis(), letter.record().key(),
                letter.record().value(), headers), (metadata, error) -> {
                    if (error == null) {
                        sent.complete(target);
                    } else {
                        sent.completeExceptionally(error);
                    }
                });
        return sent;
    }
}

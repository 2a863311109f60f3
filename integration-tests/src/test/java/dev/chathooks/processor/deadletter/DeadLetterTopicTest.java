package dev.chathooks.processor.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Dead letters written to a real dead-letter topic and read back, listed by hook and by reason. */
@KafkaIntegrationTest
class DeadLetterTopicTest {
    private final String servers = SharedKafka.bootstrapServers();

    private KafkaConsumer<byte[], byte[]> reader() {
        return new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * The letters' time: a minute before the test runs. A fixed date would age past the topic's retention (7 days),
     * and the broker would delete the letters while the test reads them.
     */
    private static final long STAMPED = System.currentTimeMillis() - 60_000;

    private static DeadLetter letter(String key, Rejection rejection, String sourceTopic, String hook) {
        Headers headers = DeadLetterHeaders.of(new RecordHeaders(), rejection, sourceTopic, 0, 5);
        if (hook != null) {
            DeadLetterHeaders.addHookFailure(headers, hook, 3, "java.io.IOException: down");
        }
        return new DeadLetter(TestRecords.bytes(key), TestRecords.bytes("{}"), STAMPED, headers);
    }

    @Test
    void writtenDeadLettersAreListedWithWhereTheyAreStoredAndFilteredByHookAndReason() {
        String topic = TestTopics.createUnique(servers, "dlq", 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            DeadLetterWriter writer = new DeadLetterWriter(producer, topic);
            writer.write(letter("c-1", new Rejection(ReasonCode.MALFORMED_JSON, "not JSON"), "chat.messages", null))
                    .join();
            writer.write(letter(
                            "c-2",
                            new Rejection(ReasonCode.HOOK_FAILED, "push after 3 attempts"),
                            "app-invocations",
                            "push"))
                    .join();
            writer.write(letter(
                            "c-3",
                            new Rejection(ReasonCode.HOOK_FAILED, "audit after 3 attempts"),
                            "app-invocations",
                            "audit"))
                    .join();
        }
        DeadLetterReader reader = new DeadLetterReader(topic);

        List<DeadLetter> all;
        List<DeadLetter> push;
        List<DeadLetter> hookFailed;
        List<DeadLetter> fromTheSecond;
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            all = reader.list(consumer, 0, null, null);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            push = reader.list(consumer, 0, "push", null);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            hookFailed = reader.list(consumer, 0, null, "hook-failed");
        }
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            fromTheSecond = reader.list(consumer, 1, null, null);
        }

        assertThat(all).extracting(letter -> letter.storedAt().toString()).containsExactly("0:0", "0:1", "0:2");
        assertThat(all).extracting(DeadLetter::code).containsExactly("malformed-json", "hook-failed", "hook-failed");
        assertThat(all.get(0).sourceTopic()).isEqualTo("chat.messages");
        assertThat(all.get(0).timestamp()).isEqualTo(STAMPED);
        assertThat(TestRecords.text(all.get(0).key())).isEqualTo("c-1");
        assertThat(push).extracting(DeadLetter::reason).containsExactly("hook-failed: push after 3 attempts");
        assertThat(hookFailed).extracting(DeadLetter::hook).containsExactly("push", "audit");
        assertThat(fromTheSecond)
                .extracting(letter -> letter.storedAt().offset())
                .containsExactly(1L, 2L);
    }

    @Test
    void aDeadLetterTopicThatDoesNotExistIsNamed() {
        String missing = TestTopics.uniqueName("no-such-dlq");
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            assertThatThrownBy(() -> new DeadLetterReader(missing).list(consumer, 0, null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The dead-letter topic " + missing + " does not exist");
        }
    }
}

package dev.chathooks.processor.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Where a dead letter read back from the dead-letter topic is sent, and with which headers. */
class DeadLetterRerunTest {
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final DeadLetterRerun rerun = new DeadLetterRerun("app-invocations");

    private static DeadLetter stored(Headers headers) {
        return DeadLetter.read(new ConsumerRecord<>(
                "chat-hooks.dlq",
                2,
                17,
                1_000L,
                TimestampType.CREATE_TIME,
                3,
                12,
                bytes("c-1"),
                bytes("{\"id\":\"e-1\"}"),
                headers,
                Optional.empty()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Headers headers(Rejection rejection, String sourceTopic) {
        RecordHeaders own = new RecordHeaders();
        own.add("traceparent", bytes("00-abc"));
        return DeadLetterHeaders.of(own, rejection, sourceTopic, 1, 40);
    }

    @Test
    void aHookFailedDeadLetterGoesBackToTheInvocationsTopicForThatHookAlone() {
        Headers headers = headers(new Rejection(ReasonCode.HOOK_FAILED, "push after 3 attempts"), "app-invocations");
        DeadLetterHeaders.addHookFailure(headers, "push", 3, "java.io.IOException: down");

        String target = rerun.send(stored(headers), producer).join();

        assertThat(target).isEqualTo("app-invocations");
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("app-invocations");
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("c-1");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"e-1\"}");
        assertThat(DeadLetterHeaders.get(sent.headers(), DeadLetterHeaders.TARGET_HOOK))
                .isEqualTo("push");
        assertThat(DeadLetterHeaders.get(sent.headers(), DeadLetterHeaders.RERUN_OF))
                .isEqualTo("2:17");
        assertThat(DeadLetterHeaders.get(sent.headers(), "traceparent")).isEqualTo("00-abc");
        assertThat(DeadLetterHeaders.WRITTEN)
                .allSatisfy(name -> assertThat(sent.headers().lastHeader(name)).isNull());
    }

    @Test
    void anInputRecordGoesBackToItsTopicForEveryHook() {
        Headers headers = headers(new Rejection(ReasonCode.UNKNOWN_CONVERSATION, "c-1 has no state"), "chat.messages");

        String target = rerun.send(stored(headers), producer).join();

        assertThat(target).isEqualTo("chat.messages");
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.headers().lastHeader(DeadLetterHeaders.TARGET_HOOK)).isNull();
        assertThat(sent.headers().lastHeader(DeadLetterHeaders.REASON)).isNull();
    }

    @Test
    void aDeadLetterThatDoesNotSayWhereItCameFromIsRefused() {
        assertThatThrownBy(() -> rerun.send(stored(new RecordHeaders()), producer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dead letter 2:17 has no chat-hooks.source-topic header");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aDeadLetterReadsItsReasonAndSourceFromItsHeaders() {
        Headers headers = headers(new Rejection(ReasonCode.HOOK_FAILED, "push after 3 attempts"), "app-invocations");
        DeadLetterHeaders.addHookFailure(headers, "push", 3, null);

        DeadLetter letter = stored(headers);

        assertThat(letter.reason()).isEqualTo("hook-failed: push after 3 attempts");
        assertThat(letter.code()).isEqualTo("hook-failed");
        assertThat(letter.sourceTopic()).isEqualTo("app-invocations");
        assertThat(letter.hook()).isEqualTo("push");
        assertThat(letter.matches("push", "hook-failed")).isTrue();
        assertThat(letter.matches("other", null)).isFalse();
        assertThat(letter.toString()).doesNotContain("c-1").doesNotContain("e-1");
    }
}

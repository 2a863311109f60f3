package dev.chathooks.processor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.deadletter.DeadLetterWriter;
import dev.chathooks.processor.deadletter.ProducerDeadLetterStore;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.invocation.InvocationCodec;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.metrics.HookCallMetrics;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.tables.TableReader;
import dev.chathooks.testsupport.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher never lets a record count as finished before its hook succeeded or its dead letter is stored:
 * not when the dead-letter topic refuses it for a while, not when the call cannot even be prepared, not at
 * shutdown. (The producer is Kafka's MockProducer: what is tested is what the dispatcher does with its answers.)
 */
class HookDispatcherFaultsTest {
    private static final String DLQ = "dlq";

    private final ExecutorService threads = HookThreads.forHook("test", 4);
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Fails every call. */
    private static final class FailingHook implements ChatHook {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public void afterMessageSent(
                Message message, Conversation conversation, List<User> participants, EventInfo event) {
            throw new IllegalStateException("down for maintenance");
        }
    }

    private HookDispatcher dispatcher(ChatHook hook, TableReader users) {
        DispatchSettings settings = new DispatchSettings(
                4, Duration.ofSeconds(5), 2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ZERO);
        LoadedHook loaded = LoadedHook.of(hook);
        return HookDispatchers.wire(
                loaded,
                settings,
                threads,
                RetryWaits.REAL,
                new InvocationResolver(users),
                new ProducerDeadLetterStore(new DeadLetterWriter(producer, DLQ), loaded.name()),
                (h, a) -> {},
                HookCallMetrics.unpublished(loaded.name()));
    }

    private static ConsumerRecord<byte[], byte[]> invocationRecord() {
        ObjectNode message = Json.object();
        message.put("id", "m-1");
        ObjectNode conversation = Json.object();
        conversation.put("id", "c-1");
        Invocation invocation = new Invocation(
                HookKind.AFTER_MESSAGE_SENT,
                "e-1",
                "chat.message.sent",
                "c-1",
                "u-1",
                1_000L,
                Json.object(),
                conversation,
                List.of("u-1", "u-2"),
                message,
                null,
                List.of(),
                new Invocation.Source("chat.messages", 0, 7),
                null);
        return new ConsumerRecord<>(
                "app-invocations", 3, 42, "c-1".getBytes(StandardCharsets.UTF_8), InvocationCodec.encode(invocation));
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return DeadLetterHeaders.get(record.headers(), name);
    }

    @Test
    void aDeadLetterTheBrokerRefusesIsSentAgainAndTheRecordFinishesOnlyOnceItIsStored() throws Exception {
        HookDispatcher dispatcher = dispatcher(new FailingHook(), TableReader.empty());

        CompletableFuture<Void> finished = dispatcher.handle(invocationRecord()).toCompletableFuture();
        Await.until("the dead letter was sent", () -> producer.history().size() == 1);
        assertThat(producer.errorNext(new TimeoutException("broker unreachable")))
                .isTrue();
        Await.until("the dead letter was sent again", () -> producer.history().size() == 2);

        assertThat(finished)
                .as("not finished while the dead letter is not stored")
                .isNotDone();
        assertThat(producer.completeNext()).isTrue();
        finished.get(10, TimeUnit.SECONDS);
        ProducerRecord<byte[], byte[]> letter = producer.history().get(1);
        assertThat(letter.topic()).isEqualTo(DLQ);
        assertThat(header(letter, DeadLetterHeaders.REASON))
                .isEqualTo(
                        "hook-failed: failing after 2 attempts: java.lang.IllegalStateException: down for maintenance");
        assertThat(header(letter, DeadLetterHeaders.HOOK)).isEqualTo("failing");
        assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("2");
        assertThat(header(letter, DeadLetterHeaders.ERROR))
                .isEqualTo("java.lang.IllegalStateException: down for maintenance");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("42");
    }

    @Test
    void aCallThatCannotBePreparedIsDeadLetteredInsteadOfCountingAsDone() throws Exception {
        TableReader brokenUsers = key -> {
            throw new IllegalStateException("users table unavailable");
        };
        HookDispatcher dispatcher = dispatcher(new FailingHook(), brokenUsers);

        CompletableFuture<Void> finished = dispatcher.handle(invocationRecord()).toCompletableFuture();
        Await.until("the dead letter was sent", () -> producer.history().size() == 1);
        producer.completeNext();
        finished.get(10, TimeUnit.SECONDS);

        ProducerRecord<byte[], byte[]> letter = producer.history().get(0);
        assertThat(header(letter, DeadLetterHeaders.REASON_CODE)).isEqualTo("hook-failed");
        assertThat(header(letter, DeadLetterHeaders.HOOK)).isEqualTo("failing");
        assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.REASON)).contains("users table unavailable");
    }

    @Test
    void afterCloseAFailedCallLeavesItsRecordUnfinishedForTheNextOwner() throws Exception {
        HookDispatcher dispatcher = dispatcher(new FailingHook(), TableReader.empty());
        dispatcher.close();

        CompletableFuture<Void> finished = dispatcher.handle(invocationRecord()).toCompletableFuture();

        Await.until(
                "both attempts were made",
                () -> dispatcher.stats().calls() == 1 && dispatcher.stats().retries() == 1);
        assertThat(producer.history()).as("no dead letter").isEmpty();
        assertThat(finished).isNotDone();
    }
}

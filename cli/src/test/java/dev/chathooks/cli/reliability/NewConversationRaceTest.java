package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The race of a new conversation, as a chat server writes it while {@code run} runs: the creation, a member added
 * 1 ms later and the first message 1 ms after that, through one producer that batches per partition (so the
 * message's batch may be appended before the creation's). In both layouts every first message gets its call and
 * none is dead-lettered {@code unknown-conversation}: in the three-topic layout the message waits for its
 * conversation (join.unknown-conversation.wait, at its default), in the one-topic layout Kafka keeps the order, and
 * the member added before the message is always among its participants. A waiting message outlives a restart.
 */
@KafkaIntegrationTest
class NewConversationRaceTest {
    private static final int CONVERSATIONS = 3_000;
    /** Conversations started together: a chat server serves many users at once. */
    private static final int AT_ONCE = 10;

    @TempDir
    Path dir;

    /** The participants of each first message, by conversation, and the longest time from a message to its call. */
    static final class FirstMessages implements ChatHook {
        final Map<String, List<String>> participants = new ConcurrentHashMap<>();
        final AtomicLong slowest = new AtomicLong();

        @Override
        public String name() {
            return "first-messages";
        }

        @Override
        public void afterMessageSent(Message m, Conversation c, List<User> p, EventInfo e) {
            participants.put(c.id(), p.stream().map(User::id).toList());
            slowest.accumulateAndGet(System.currentTimeMillis() - e.time().toEpochMilli(), Math::max);
        }
    }

    @ParameterizedTest(name = "one topic: {0}")
    @ValueSource(booleans = {false, true})
    void everyFirstMessageOfANewConversationIsCalledInEitherLayout(boolean oneTopic) {
        String prefix = TestTopics.uniqueName(oneTopic ? "race-one" : "race-three");
        ChatHooksConfig config = ChatHooksConfig.of(keys(prefix, oneTopic));
        FirstMessages hook = new FirstMessages();
        Figures figures = Figures.of("new-conversation race, " + (oneTopic ? "one topic" : "three topics"));

        List<ConsumerRecord<byte[], byte[]>> letters;
        try (ChatHooksRuntime runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(
                config, List.of(LoadedHook.of(hook)), dir.resolve("run"), null, message -> {}, null))) {
            Await.until(
                    "the topology runs and the hook's consumer joined",
                    () -> runtime.health().ready().healthy());
            writeNewConversations(prefix, config.topics());
            Await.until(
                    "a call for every first message",
                    Duration.ofSeconds(120),
                    () -> hook.participants.size() >= CONVERSATIONS,
                    () -> hook.participants.size() + " of " + CONVERSATIONS + " first messages called");
            Timer waited = runtime.metrics()
                    .registry()
                    .find("chathooks.conversation.wait")
                    .tag("outcome", "joined")
                    .timer();
            figures.put("first messages that waited for their conversation", waited == null ? 0 : waited.count())
                    .put("longest wait", waited == null ? "-" : Math.round(waited.max(TimeUnit.MILLISECONDS)) + " ms");
            letters = TestRecords.readAll(
                    SharedKafka.bootstrapServers(), config.topics().deadLetters(), 1, Duration.ofSeconds(1));
        }

        long withoutAddedMember = hook.participants.values().stream()
                .filter(p -> !p.contains("u-added"))
                .count();
        figures.put("slowest call after its message", hook.slowest.get() + " ms")
                .put("calls", hook.participants.size())
                .put("dead letters", letters.size())
                .put("first messages without the member added 1 ms before", withoutAddedMember)
                .report();
        assertThat(hook.participants).hasSize(CONVERSATIONS);
        assertThat(letters)
                .extracting(letter -> DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON))
                .isEmpty();
        if (oneTopic) {
            assertThat(withoutAddedMember)
                    .as("first messages missing the member added 1 ms before them")
                    .isZero();
        }
    }

    @Test
    void aMessageWaitingForItsConversationOutlivesARestartOnAnotherDataDirectory() {
        String prefix = TestTopics.uniqueName("race-restart");
        Map<String, String> keys = keys(prefix, false);
        keys.put("join.unknown-conversation.wait", "2m"); // longer than the restart, on a loaded machine
        ChatHooksConfig config = ChatHooksConfig.of(keys);
        FirstMessages hook = new FirstMessages();
        String conversation = prefix + "-1";
        long sentAt = System.currentTimeMillis();
        try (ChatHooksRuntime runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(
                config, List.of(LoadedHook.of(hook)), dir.resolve("first"), null, message -> {}, null))) {
            TestRecords.produce(
                    SharedKafka.bootstrapServers(),
                    List.of(new ProducerRecord<>(
                            config.topics().messages(),
                            null,
                            sentAt,
                            TestRecords.bytes(conversation),
                            ChatEvents.bytes(ChatEvents.sent(conversation, "m-1", "u-1", "hello")))));
            Await.until("the message was read", () -> messagesRead(runtime) >= 1);
        } // a clean stop: the held message is in the store's changelog and its offset committed

        try (ChatHooksRuntime runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(
                config, List.of(LoadedHook.of(hook)), dir.resolve("second"), null, message -> {}, null))) {
            TestRecords.produce(
                    SharedKafka.bootstrapServers(),
                    List.of(new ProducerRecord<>(
                            config.topics().conversations(),
                            null,
                            sentAt - 1, // created just before its message
                            TestRecords.bytes(conversation),
                            ChatEvents.bytes(
                                    ChatEvents.created(conversation, List.of("u-1", "u-2"), List.of("u-1"))))));
            Await.until("the held message was called", () -> hook.participants.containsKey(conversation));
            assertThat(messagesRead(runtime))
                    .as("the message came from the restored store, not read again")
                    .isZero();
        }
        assertThat(hook.participants.get(conversation)).containsExactly("u-1", "u-2");
    }

    private static double messagesRead(ChatHooksRuntime runtime) {
        return runtime
                .metrics()
                .registry()
                .find("chathooks.events")
                .tag("type", "chat.message.sent")
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static Map<String, String> keys(String prefix, boolean oneTopic) {
        Map<String, String> keys = new HashMap<>();
        keys.put("application.id", prefix);
        keys.put("bootstrap.servers", SharedKafka.bootstrapServers());
        for (String topic : List.of("conversations", "messages", "typing")) {
            keys.put("topics." + topic, prefix + (oneTopic ? ".events" : "." + topic));
        }
        for (String topic : List.of("users", "devices", "dlq")) {
            keys.put("topics." + topic, prefix + "." + topic);
        }
        keys.put("topics.partitions", "3");
        keys.put("commit.interval.ms", "100");
        return keys;
    }

    /**
     * Writes {@link #CONVERSATIONS} new conversations, {@link #AT_ONCE} at a time: their creations, 1 ms later a
     * member added to each, 1 ms later their first messages, stamped as they are written.
     */
    private static void writeNewConversations(String prefix, ChatHooksConfig.Topics topics) {
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            for (int first = 0; first < CONVERSATIONS; first += AT_ONCE) {
                long now = System.currentTimeMillis();
                for (int c = first; c < first + AT_ONCE; c++) {
                    send(
                            producer,
                            topics.conversations(),
                            prefix + "-" + c,
                            now,
                            ChatEvents.bytes(
                                    ChatEvents.created(prefix + "-" + c, List.of("u-1", "u-2"), List.of("u-1"))));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                for (int c = first; c < first + AT_ONCE; c++) {
                    send(
                            producer,
                            topics.conversations(),
                            prefix + "-" + c,
                            now + 1,
                            ChatEvents.bytes(ChatEvents.added(prefix + "-" + c, "u-added")));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                for (int c = first; c < first + AT_ONCE; c++) {
                    send(
                            producer,
                            topics.messages(),
                            prefix + "-" + c,
                            now + 2,
                            ChatEvents.bytes(ChatEvents.sent(prefix + "-" + c, "m-" + c, "u-1", "hello")));
                }
            }
            producer.flush();
        }
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, String topic, String key, long timestamp, byte[] value) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, TestRecords.bytes(key), value));
    }
}

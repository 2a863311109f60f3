package dev.chathooks.cli.replay;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.testkit.ChatTraffic;
import dev.chathooks.testkit.DeadLetter;
import dev.chathooks.testkit.HookRun;
import dev.chathooks.testkit.HookTester;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hook test kit tells a hook author the truth: one scenario of good and bad records, through a hook that fails
 * some calls, gives the same calls and the same dead letters through {@link HookTester} (no broker) as through the
 * runtime of {@code chat-hooks run} on the embedded broker.
 */
@KafkaIntegrationTest
class KitAndRunAgreeTest {
    @TempDir
    Path dir;

    /** Takes every kind of call, and fails for messages with an attachment: its file scanner is down. */
    static final class ScanningHook implements ChatHook {
        @Override
        public String name() {
            return "scanning";
        }

        @Override
        public void afterMessageSent(Message m, Conversation c, List<User> p, EventInfo e) {
            if (m.attachment().isPresent()) {
                throw new IllegalStateException("the file scanner is down");
            }
        }

        @Override
        public void afterMessageUpdated(Message m, Conversation c, List<User> p, EventInfo e) {}

        @Override
        public void afterMessageDeleted(Message m, Conversation c, List<User> p, EventInfo e) {}

        @Override
        public void typingStarted(Conversation c, List<User> p, List<TypingEvent> t, EventInfo e) {}

        @Override
        public void afterConversationCreated(Conversation c, List<User> p, EventInfo e) {}

        @Override
        public void afterConversationUpdated(Conversation c, List<User> p, EventInfo e) {}

        @Override
        public void afterConversationDeleted(Conversation c, List<User> p, EventInfo e) {}

        @Override
        public void afterUsersAddedToConversation(Conversation c, List<User> p, List<User> n, EventInfo e) {}

        @Override
        public void afterUsersRemovedFromConversation(Conversation c, List<User> p, List<User> o, EventInfo e) {}
    }

    /** Two conversations with every kind of call, two messages the hook fails for, and five bad records. */
    private static ChatTraffic story() {
        Map<String, Object> photo = Map.of(
                "attachment",
                Map.of(
                        "name",
                        "summit.jpg",
                        "content_type",
                        "image/jpeg",
                        "url",
                        "https://files.example/summit.jpg",
                        "size",
                        48213));
        return ChatTraffic.startingAt(Instant.now().minus(Duration.ofMinutes(10)))
                .user("alice")
                .user("bob")
                .user("carol")
                .user("dave")
                .conversationCreated("c-1", "Weekend hike", "alice", "bob")
                .conversationCreated("c-2", "Book club", "carol", "dave")
                .messageSent("alice", "c-1", "Who is in?")
                .typingStarted("bob", "c-1")
                .messageSent("bob", "c-1", "Me! Bringing snacks.")
                .messageSent("carol", "c-2", "Chapter 3 by Friday?")
                .messageSent("bob", "c-1", photo)
                .messageEdited("m-2", "Me! Bringing snacks and water.")
                .malformedRecord("c-1")
                .unknownTypeEvent("c-2")
                .eventMissingField("c-1")
                .eventWithWrongKey("c-2", "c-1")
                .messageSent("alice", "c-404", "anyone?")
                .membersAdded("c-1", "carol", "bob")
                .messageSent("dave", "c-2", photo)
                .membersRemoved("c-2", "dave")
                .messageDeleted("m-1")
                .conversationRenamed("c-2", "Book club: fiction")
                .conversationDeleted("c-1");
    }

    @ParameterizedTest
    @EnumSource(LiveRunFixture.Layout.class)
    void oneScenarioGivesTheSameCallsAndDeadLettersThroughTheKitAndThroughRun(LiveRunFixture.Layout layout)
            throws IOException {
        String prefix = TestTopics.uniqueName("kit-agree");
        Map<String, String> keys = LiveRunFixture.keys(prefix, layout);

        HookTester tester = HookTester.of(new ScanningHook());
        keys.forEach(tester::set);
        HookRun kit = tester.run(story());

        Path defaultTopics = dir.resolve("story.jsonl");
        story().writeDump(defaultTopics);
        Path dump = dir.resolve("dump.jsonl");
        LiveRunFixture.writeOnTopics(defaultTopics, prefix, layout, dump);
        keys.put("bootstrap.servers", SharedKafka.bootstrapServers());
        Queue<String> liveCalls = new ConcurrentLinkedQueue<>();
        List<ConsumerRecord<byte[], byte[]>> letters;
        try (ChatHooksRuntime runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(
                ChatHooksConfig.of(keys),
                List.of(LoadedHook.of(new ScanningHook())),
                dir.resolve("run"),
                null,
                message -> {},
                (hook, a) -> liveCalls.add(call(
                        a.event(),
                        a.conversation(),
                        a.participants(),
                        Optional.ofNullable(a.message()),
                        a.events(),
                        a.users()))))) {
            LiveRunFixture.load(dump, keys);
            Await.until(
                    "the live hook made as many calls as through the kit",
                    () -> liveCalls.size() >= kit.calls().size());
            letters = TestRecords.readAll(
                    SharedKafka.bootstrapServers(),
                    keys.get("topics.dlq"),
                    kit.deadLetters().size(),
                    Duration.ofSeconds(60));
        }

        List<String> kitCalls = kit.calls().stream()
                .map(c -> call(c.event(), c.conversation(), c.participants(), c.message(), c.typingEvents(), c.users()))
                .toList();
        assertThat(kit.calls(HookKind.AFTER_MESSAGE_SENT)).hasSize(3);
        assertThat(kitCalls).hasSize(12);
        assertThat(byConversation(liveCalls)).isEqualTo(byConversation(kitCalls));
        List<String> kitLetters = kit.deadLetters().stream()
                .map(letter -> letter(
                        letter.topic(),
                        letter.key(),
                        letter.code(),
                        letter.reason(),
                        letter.hook().orElse(null),
                        letter.code().equals("hook-failed") ? Integer.toString(letter.attempts()) : null))
                .sorted()
                .toList();
        assertThat(kit.deadLetters())
                .extracting(DeadLetter::code)
                .containsExactlyInAnyOrder(
                        "malformed-json",
                        "unknown-type",
                        "missing-field",
                        "key-mismatch",
                        "unknown-conversation",
                        "hook-failed",
                        "hook-failed");
        assertThat(letters.stream()
                        .map(letter -> letter(
                                DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC),
                                TestRecords.text(letter.key()),
                                DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON_CODE),
                                DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON),
                                DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.HOOK),
                                DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.ATTEMPTS)))
                        .sorted()
                        .toList())
                .isEqualTo(kitLetters);
    }

    /** A call by its kind, event id and its arguments' ids: what a hook is given, with no clock in it. */
    private static String call(
            EventInfo event,
            Conversation conversation,
            List<User> participants,
            Optional<Message> message,
            List<TypingEvent> typing,
            List<User> users) {
        return event.kind().seedName() + " " + event.id() + " " + conversation.id() + " participants="
                + participants.stream().map(User::id).toList() + " message="
                + message.map(Message::id).orElse("-")
                + " typing=" + typing.stream().map(t -> t.userId().orElse("?")).toList() + " users="
                + users.stream().map(User::id).toList();
    }

    /**
     * The calls of each conversation in their order: a conversation's calls are ordered, but across the topics'
     * partitions the live run may interleave conversations differently.
     */
    private static Map<String, List<String>> byConversation(Iterable<String> calls) {
        return StreamSupport.stream(calls.spliterator(), false)
                .collect(groupingBy(call -> call.split(" ")[2], TreeMap::new, mapping(call -> call, toList())));
    }

    /** A dead letter by where it came from and why; for {@code hook-failed}, which hook after how many attempts. */
    private static String letter(
            String sourceTopic, String key, String code, String reason, String hook, String attempts) {
        return sourceTopic + " " + key + " " + code + " [" + reason + "] hook=" + hook + " attempts=" + attempts;
    }
}

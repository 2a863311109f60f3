package dev.chathooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookConfigException;
import dev.chathooks.api.HookContext;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.LookupTable;
import dev.chathooks.api.Message;
import dev.chathooks.api.PermanentHookFailureException;
import dev.chathooks.api.TopicWriter;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tester runs traffic through the real topology and dispatch, and tells what the hook did and what was refused. */
class HookTesterTest {
    @TempDir
    Path dir;

    /** Implements every kind and does nothing: the calls are what the tester reports. */
    static final class EveryKindHook implements ChatHook {
        @Override
        public String name() {
            return "every-kind";
        }

        @Override
        public void afterMessageSent(Message m, Conversation c, List<User> p, EventInfo e) {}

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

    /** Fails every sent message, counting its attempts. */
    static final class FailingHook implements ChatHook {
        final AtomicInteger attempts = new AtomicInteger();
        private final RuntimeException failure;

        FailingHook(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public void afterMessageSent(Message m, Conversation c, List<User> p, EventInfo e) {
            attempts.incrementAndGet();
            throw failure;
        }
    }

    private static ChatTraffic story() {
        return ChatTraffic.create()
                .user("alice")
                .user("bob")
                .user("carol")
                .conversationCreated("c-1", "Weekend hike", "alice", "bob")
                .messageSent("alice", "c-1", "Who is in?")
                .typingStarted("bob", "c-1")
                .messageSent("bob", "c-1", "Me!")
                .messageEdited("m-2", "Me! Bringing snacks.")
                .messageDeleted("m-1")
                .membersAdded("c-1", "carol", "bob")
                .membersRemoved("c-1", "bob")
                .conversationRenamed("c-1", "Saturday hike")
                .conversationDeleted("c-1");
    }

    @Test
    void aStoryOfEveryKindCallsTheHookOnceForEachWithTheProcessorsArguments() {
        HookRun run = HookTester.of(new EveryKindHook()).run(story());

        assertThat(run.calls())
                .extracting(HookCall::kind)
                .containsExactly(
                        HookKind.AFTER_CONVERSATION_CREATED,
                        HookKind.AFTER_MESSAGE_SENT,
                        HookKind.TYPING_STARTED,
                        HookKind.AFTER_MESSAGE_SENT,
                        HookKind.AFTER_MESSAGE_UPDATED,
                        HookKind.AFTER_MESSAGE_DELETED,
                        HookKind.AFTER_USERS_ADDED_TO_CONVERSATION,
                        HookKind.AFTER_USERS_REMOVED_FROM_CONVERSATION,
                        HookKind.AFTER_CONVERSATION_UPDATED,
                        HookKind.AFTER_CONVERSATION_DELETED);
        HookCall firstMessage = run.calls(HookKind.AFTER_MESSAGE_SENT).get(0);
        assertThat(firstMessage.message().orElseThrow().body()).contains("Who is in?");
        assertThat(firstMessage.participantNames()).containsExactly("alice", "bob");
        assertThat(firstMessage.conversation().title()).contains("Weekend hike");
        assertThat(firstMessage.event().actor()).contains("u-alice");
        assertThat(run.calls(HookKind.AFTER_USERS_ADDED_TO_CONVERSATION).get(0).users())
                .extracting(User::id)
                .containsExactly("u-carol");
        assertThat(run.calls(HookKind.AFTER_CONVERSATION_DELETED).get(0).participantNames())
                .containsExactly("alice", "carol");
        assertThat(run.calls(HookKind.AFTER_CONVERSATION_DELETED)
                        .get(0)
                        .conversation()
                        .title())
                .contains("Saturday hike");
        assertThat(run.deadLetters()).isEmpty();
    }

    @Test
    void badRecordsBecomeDeadLettersWithTheirReasons() {
        HookRun run = HookTester.of(new EveryKindHook())
                .run(ChatTraffic.create()
                        .conversationCreated("c-1", "Team", "alice")
                        .malformedRecord("c-1")
                        .unknownTypeEvent("c-1")
                        .eventMissingField("c-1")
                        .eventWithWrongKey("c-2", "c-1")
                        .messageSent("alice", "c-404", "nobody here"));

        assertThat(run.deadLetters())
                .extracting(DeadLetter::code)
                .containsExactly(
                        "malformed-json", "unknown-type", "missing-field", "key-mismatch", "unknown-conversation");
        assertThat(run.deadLetters()).allSatisfy(letter -> {
            assertThat(letter.reason()).startsWith(letter.code() + ": ");
            assertThat(letter.hook()).isEmpty();
            assertThat(letter.attempts()).isZero();
        });
        assertThat(run.deadLetters().get(0).topic()).isEqualTo("chat.messages");
        assertThat(run.deadLetters().get(0).valueText()).isEqualTo("{not json");
        assertThat(run.calls()).extracting(HookCall::kind).containsExactly(HookKind.AFTER_CONVERSATION_CREATED);
    }

    @Test
    void aFailingCallIsRetriedAsConfiguredWithoutWaitingAndThenDeadLettered() {
        FailingHook hook = new FailingHook(new IllegalStateException("push service down"));

        HookRun run = HookTester.of(hook)
                .set("dispatch.retry.max-attempts", "3")
                .set("dispatch.retry.initial-backoff", "1h")
                .set("dispatch.retry.max-backoff", "2h")
                .run(ChatTraffic.create()
                        .conversationCreated("c-1", "Team", "alice", "bob")
                        .messageSent("alice", "c-1", "hi"));

        assertThat(hook.attempts).hasValue(3);
        assertThat(run.calls()).isEmpty();
        assertThat(run.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.reason())
                    .isEqualTo("hook-failed: failing after 3 attempts: "
                            + "java.lang.IllegalStateException: push service down");
            assertThat(letter.code()).isEqualTo("hook-failed");
            assertThat(letter.hook()).contains("failing");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.key()).isEqualTo("c-1");
        });
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        FailingHook hook = new FailingHook(new PermanentHookFailureException("no such tenant"));

        HookRun run = HookTester.of(hook)
                .run(ChatTraffic.create()
                        .conversationCreated("c-1", "Team", "alice")
                        .messageSent("alice", "c-1", "hi"));

        assertThat(hook.attempts).hasValue(1);
        assertThat(run.deadLetters())
                .extracting(DeadLetter::reason)
                .singleElement()
                .asString()
                .startsWith("hook-failed: failing after 1 attempt: ");
        assertThat(run.deadLetters()).extracting(DeadLetter::attempts).containsExactly(1);
    }

    /** Greets each sent message's sender's devices, from its configuration and a lookup table, on a topic. */
    static final class GreeterHook implements ChatHook {
        private String greeting;
        private LookupTable devices;
        private TopicWriter out;

        @Override
        public void start(HookContext context) {
            greeting = context.config().require("greeting", "what to say");
            devices = context.lookupTable(context.config().get("devices-topic", "chat.devices"));
            out = context.topicWriter("greetings");
        }

        @Override
        public void afterMessageSent(Message m, Conversation c, List<User> participants, EventInfo e) {
            for (User user : participants) {
                List<Object> list =
                        devices.get(user.id()).map(d -> d.getList("devices")).orElse(List.of());
                for (Object device : list) {
                    out.send(user.id(), Map.of("text", greeting, "token", ((Map<?, ?>) device).get("token")));
                }
            }
        }
    }

    @Test
    void configurationAndLookupTablesComeFromTheScenarioAndWritesAreReturned() {
        HookRun run = HookTester.of(new GreeterHook())
                .config("greeting", "hello")
                .run(ChatTraffic.create()
                        .user("alice")
                        .user("bob")
                        .fcmDevice("bob", "fcm-1")
                        .apnsDevice("bob", "apns-1")
                        .conversationCreated("c-1", "Team", "alice", "bob")
                        .messageSent("alice", "c-1", "hi"));

        assertThat(run.written("greetings"))
                .extracting(w ->
                        w.key() + " " + w.value().get("text") + " " + w.value().get("token"))
                .containsExactly("u-bob hello fcm-1", "u-bob hello apns-1");
        assertThat(run.written("elsewhere")).isEmpty();
    }

    @Test
    void theTrafficGoesToTheTopicsTheConfigurationNames() {
        HookRun run = HookTester.of(new GreeterHook())
                .config("greeting", "hello")
                .config("devices-topic", "acme.devices")
                .set("topics.devices", "acme.devices")
                .set("topics.conversations", "acme.conversations")
                .set("topics.messages", "acme.messages")
                .set("topics.typing", "acme.typing")
                .set("topics.users", "acme.users")
                .run(ChatTraffic.create()
                        .user("alice")
                        .user("bob")
                        .fcmDevice("bob", "fcm-1")
                        .conversationCreated("c-1", "Team", "alice", "bob")
                        .messageSent("alice", "c-1", "hi")
                        .malformedRecord("c-1"));

        assertThat(run.written("greetings"))
                .extracting(w -> w.key() + " " + w.value().get("token"))
                .containsExactly("u-bob fcm-1");
        assertThat(run.deadLetters()).extracting(DeadLetter::topic).containsExactly("acme.messages");
    }

    @Test
    void theTrafficsUsersAndConversationsReachTheHookOnConfiguredTopics() {
        HookRun run = HookTester.of(new EveryKindHook())
                .set("topics.conversations", "acme.conversations")
                .set("topics.messages", "acme.messages")
                .set("topics.typing", "acme.typing")
                .set("topics.users", "acme.users")
                .run(ChatTraffic.create()
                        .user("alice")
                        .user("bob")
                        .conversationCreated("c-1", "Team", "alice", "bob")
                        .typingStarted("bob", "c-1")
                        .messageSent("alice", "c-1", "hi"));

        assertThat(run.calls())
                .extracting(HookCall::kind)
                .containsExactly(
                        HookKind.AFTER_CONVERSATION_CREATED, HookKind.TYPING_STARTED, HookKind.AFTER_MESSAGE_SENT);
        assertThat(run.calls(HookKind.AFTER_MESSAGE_SENT).get(0).participantNames())
                .containsExactly("alice", "bob");
        assertThat(run.deadLetters()).isEmpty();
    }

    @Test
    void aHookThatRefusesItsConfigurationFailsTheRunNamingTheKey() {
        assertThatThrownBy(() -> HookTester.of(new GreeterHook()).run(ChatTraffic.create()))
                .isInstanceOf(TesterSetupException.class)
                .hasMessageContaining("hook.greeter.greeting")
                .hasCauseInstanceOf(HookConfigException.class);
    }

    @Test
    void anUnknownKeyFailsTheRunNamingIt() {
        assertThatThrownBy(() -> HookTester.of(new EveryKindHook())
                        .set("dispatch.retry.max-atempts", "3")
                        .run(ChatTraffic.create()))
                .isInstanceOf(TesterSetupException.class)
                .hasMessageContaining("dispatch.retry.max-atempts")
                .hasMessageContaining("dispatch.retry.max-attempts");
    }

    @Test
    void aDumpOfTheTrafficGivesTheSameCallsAsTheTraffic() throws IOException {
        Path dump = dir.resolve("story.jsonl");
        story().writeDump(dump);

        HookRun fromDump = HookTester.of(new EveryKindHook()).run(dump);
        HookRun fromTraffic = HookTester.of(new EveryKindHook()).run(story());

        assertThat(fromDump.calls()).hasSize(10);
        assertThat(fromDump.calls())
                .extracting(call -> call.event().id() + " " + call.kind() + " " + call.participantNames() + " "
                        + call.conversation().fields())
                .isEqualTo(fromTraffic.calls().stream()
                        .map(call -> call.event().id() + " " + call.kind() + " " + call.participantNames() + " "
                                + call.conversation().fields())
                        .toList());
    }

    @Test
    void aDumpWithAMalformedLineCallsNoHook() throws IOException {
        Path dump = dir.resolve("broken.jsonl");
        story().writeDump(dump);
        Files.writeString(dump, Files.readString(dump) + "{\"topic\": \"chat.messages\"\n");
        FailingHook hook = new FailingHook(new IllegalStateException("must not be called"));

        assertThatThrownBy(() -> HookTester.of(hook).run(dump))
                .isInstanceOf(BadDumpException.class)
                .hasMessageContaining("line 14");
        assertThat(hook.attempts).hasValue(0);
    }
}

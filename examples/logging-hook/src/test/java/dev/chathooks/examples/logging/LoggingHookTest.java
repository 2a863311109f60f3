package dev.chathooks.examples.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import dev.chathooks.testkit.ChatTraffic;
import dev.chathooks.testkit.DeadLetter;
import dev.chathooks.testkit.HookRun;
import dev.chathooks.testkit.HookTester;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The broker-free test loop of a hook author: call the hook with the records it receives, or run chat traffic
 * through it on the hook test kit (the processor's topology and dispatch, no broker), and check what it did.
 */
class LoggingHookTest {
    private static final Conversation TEAM = Conversation.of(Map.of("id", "c-1", "title", "Team"));
    private static final User ALICE = User.of(Map.of("id", "u-alice", "username", "alice"));
    private static final User BOB = User.of(Map.of("id", "u-bob", "username", "bob"));
    private static final User CAROL = User.unknown("u-carol");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LoggingHook hook = new LoggingHook(new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void aSentMessagePrintsTheSeedsLine() {
        Message message = Message.of(Map.of("id", "m-1", "sender_id", "u-alice", "body", "hi"));

        hook.afterMessageSent(message, TEAM, List.of(ALICE, BOB), event(HookKind.AFTER_MESSAGE_SENT));

        assertThat(lines()).containsExactly("Message [hi] is sent to conversation [Team].");
    }

    @Test
    void aMessageThatIsOnlyAFileSaysWhoSentAFile() {
        Message message = Message.of(Map.of(
                "id",
                "m-2",
                "sender_id",
                "u-alice",
                "attachment",
                Map.of("name", "cat.jpg", "content_type", "image/jpeg")));

        hook.afterMessageSent(message, TEAM, List.of(ALICE, BOB), event(HookKind.AFTER_MESSAGE_SENT));

        assertThat(lines()).containsExactly("[alice] sent a file to conversation [Team].");
    }

    @Test
    void aMessageWithTextAndAFilePrintsTheText() {
        Message message = Message.of(
                Map.of("id", "m-3", "sender_id", "u-alice", "body", "look", "attachment", Map.of("name", "cat.jpg")));

        hook.afterMessageSent(message, TEAM, List.of(ALICE), event(HookKind.AFTER_MESSAGE_SENT));

        assertThat(lines()).containsExactly("Message [look] is sent to conversation [Team].");
    }

    @Test
    void aConversationWithoutTitlePrintsEmptyBrackets() {
        Message message = Message.of(Map.of("id", "m-4", "body", "hi"));

        hook.afterMessageSent(
                message, Conversation.of(Map.of("id", "c-2")), List.of(), event(HookKind.AFTER_MESSAGE_SENT));

        assertThat(lines()).containsExactly("Message [hi] is sent to conversation [].");
    }

    @Test
    void editedAndDeletedMessages() {
        hook.afterMessageUpdated(
                Message.of(Map.of("id", "m-1", "body", "hi all")),
                TEAM,
                List.of(ALICE),
                event(HookKind.AFTER_MESSAGE_UPDATED));
        hook.afterMessageDeleted(
                Message.of(Map.of("id", "m-1", "deleted", true)),
                TEAM,
                List.of(ALICE),
                event(HookKind.AFTER_MESSAGE_DELETED));

        assertThat(lines())
                .containsExactly(
                        "Message [hi all] is updated in conversation [Team].",
                        "Message m-1 is deleted from conversation [Team].");
    }

    @Test
    void typingNamesEachUserWhoBeganOnce() {
        List<TypingEvent> events = List.of(
                typing("u-alice", "begin"),
                typing("u-bob", "pause"),
                typing("u-alice", "begin"),
                typing("u-carol", "begin"));

        hook.typingStarted(TEAM, List.of(ALICE, BOB, CAROL), events, event(HookKind.TYPING_STARTED));

        assertThat(lines()).containsExactly("[alice, u-carol] started typing in conversation [Team].");
    }

    @Test
    void conversationLifecycle() {
        hook.afterConversationCreated(TEAM, List.of(ALICE, BOB, CAROL), event(HookKind.AFTER_CONVERSATION_CREATED));
        hook.afterConversationUpdated(TEAM, List.of(ALICE, BOB, CAROL), event(HookKind.AFTER_CONVERSATION_UPDATED));
        hook.afterConversationDeleted(TEAM, List.of(ALICE), event(HookKind.AFTER_CONVERSATION_DELETED));

        assertThat(lines())
                .containsExactly(
                        "Conversation [Team] was created with 3 participants.",
                        "Conversation [Team] was updated.",
                        "Conversation [Team] was deleted; it had 1 participant.");
    }

    @Test
    void membershipChangesNameTheUsersWhoseMembershipChanged() {
        HookTester.of(hook)
                .run(ChatTraffic.create()
                        .user("alice")
                        .user("bob")
                        .conversationSnapshot("c-1", "Team", "alice")
                        .membersAdded("c-1", "bob", "carol")
                        .membersRemoved("c-1", "bob"));

        assertThat(lines())
                .containsExactly(
                        "[bob, u-carol] were added to conversation [Team].",
                        "[bob] was removed from conversation [Team].");
    }

    @Test
    void theExampleDumpPrintsALineForEveryCallAndItsBadRecordsAreDeadLettered() throws IOException {
        HookRun run = HookTester.of(hook).run(Path.of("../dumps/all-nine-kinds.jsonl"));

        assertThat(lines())
                .hasSize(13)
                .startsWith(
                        "Conversation [Weekend hike] was created with 3 participants.",
                        "Message [Who is in for Saturday?] is sent to conversation [Weekend hike].",
                        "[bob] started typing in conversation [Weekend hike].");
        assertThat(run.calls()).hasSize(13);
        assertThat(run.deadLetters())
                .extracting(DeadLetter::code)
                .containsExactly(
                        "malformed-json",
                        "unknown-type",
                        "missing-field",
                        "key-mismatch",
                        "unknown-conversation",
                        "too-large");
    }

    @Test
    void theProcessorsConstructorPrintsToStandardOutput() {
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            new LoggingHook().afterConversationUpdated(TEAM, List.of(), event(HookKind.AFTER_CONVERSATION_UPDATED));
        } finally {
            System.setOut(original);
        }

        assertThat(lines()).containsExactly("Conversation [Team] was updated.");
    }

    @Test
    void isRegisteredForServiceLoaderAsTheLoggingHook() {
        assertThat(ServiceLoader.load(ChatHook.class).stream().map(ServiceLoader.Provider::get))
                .singleElement()
                .satisfies(found -> {
                    assertThat(found).isInstanceOf(LoggingHook.class);
                    assertThat(found.name()).isEqualTo("logging");
                });
    }

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static TypingEvent typing(String userId, String state) {
        return TypingEvent.of(Map.of("user_id", userId, "event", state, "at", "2026-11-24T10:00:00Z"));
    }

    private static EventInfo event(HookKind kind) {
        return new EventInfo(
                "e-1", kind, "chat.test", "c-1", "u-alice", Instant.parse("2026-11-24T10:00:00Z"), Map.of());
    }
}

package dev.chathooks.examples.webhook.testing;

import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import dev.chathooks.examples.webhook.WebhookHook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Hook calls with small, realistic arguments, as the processor would make them. */
public final class Calls {
    public static final Instant TIME = Instant.parse("2026-11-24T10:00:00.120Z");
    public static final User ALICE = User.of(Map.of("id", "u-alice", "username", "alice", "name", "Alice"));
    public static final User BOB = User.of(Map.of("id", "u-bob", "username", "bob"));
    public static final User CAROL = User.of(Map.of("id", "u-carol", "username", "carol"));

    private Calls() {}

    public static EventInfo event(HookKind kind, String eventId, String conversationId) {
        return new EventInfo(
                eventId,
                kind,
                "chat." + kind.seedName(),
                conversationId,
                "u-alice",
                TIME,
                Map.of("specversion", "1.0", "id", eventId, "subject", conversationId));
    }

    public static Conversation conversation(String id) {
        return Conversation.of(Map.of("id", id, "title", "Team " + id, "metadata", Map.of("topic", "launch")));
    }

    public static Message message(String id, String conversationId, String body) {
        return Message.of(Map.of("id", id, "conversation_id", conversationId, "sender_id", "u-alice", "body", body));
    }

    /** {@code after_message_sent} of message {@code body} in {@code conversationId}, event id {@code eventId}. */
    public static CompletionStage<Void> messageSent(
            WebhookHook hook, String eventId, String conversationId, String body) {
        return hook.afterMessageSent(
                message("m-" + eventId, conversationId, body),
                conversation(conversationId),
                List.of(ALICE, BOB),
                event(HookKind.AFTER_MESSAGE_SENT, eventId, conversationId));
    }

    /** A call of {@code kind} with the arguments its callback takes. */
    public static CompletionStage<Void> call(WebhookHook hook, HookKind kind, String eventId, String conversationId) {
        Conversation conversation = conversation(conversationId);
        List<User> participants = List.of(ALICE, BOB);
        EventInfo event = event(kind, eventId, conversationId);
        Message message = message("m-" + eventId, conversationId, "hello " + eventId);
        switch (kind) {
            case AFTER_MESSAGE_SENT:
                return hook.afterMessageSent(message, conversation, participants, event);
            case AFTER_MESSAGE_UPDATED:
                return hook.afterMessageUpdated(message, conversation, participants, event);
            case AFTER_MESSAGE_DELETED:
                return hook.afterMessageDeleted(message, conversation, participants, event);
            case TYPING_STARTED:
                return hook.typingStarted(
                        conversation,
                        participants,
                        List.of(TypingEvent.of(
                                Map.of("user_id", "u-bob", "event", "begin", "at", "2026-11-24T10:00:00Z"))),
                        event);
            case AFTER_CONVERSATION_CREATED:
                return hook.afterConversationCreated(conversation, participants, event);
            case AFTER_CONVERSATION_UPDATED:
                return hook.afterConversationUpdated(conversation, participants, event);
            case AFTER_CONVERSATION_DELETED:
                return hook.afterConversationDeleted(conversation, participants, event);
            case AFTER_USERS_ADDED_TO_CONVERSATION:
                return hook.afterUsersAddedToConversation(
                        conversation, List.of(ALICE, BOB, CAROL), List.of(CAROL), event);
            case AFTER_USERS_REMOVED_FROM_CONVERSATION:
                return hook.afterUsersRemovedFromConversation(conversation, participants, List.of(CAROL), event);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }
}

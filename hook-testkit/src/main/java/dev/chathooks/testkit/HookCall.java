package dev.chathooks.testkit;

import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call a hook finished successfully, with the arguments it was given, under the seed's names. Immutable.
 *
 * @param event the event's id, kind, type, conversation, actor and time
 * @param conversation the full conversation record
 * @param participants every member, as user records
 * @param message the message, for the three message kinds; else empty
 * @param typingEvents the typing events, for {@code typing_started}; else empty
 * @param users the users added ({@code new_users}) or removed ({@code old_users}); else empty
 */
public record HookCall(
        EventInfo event,
        Conversation conversation,
        List<User> participants,
        Optional<Message> message,
        List<TypingEvent> typingEvents,
        List<User> users) {
    public HookCall {
        Objects.requireNonNull(event, "event is null");
        Objects.requireNonNull(conversation, "conversation is null");
        participants = List.copyOf(participants);
        Objects.requireNonNull(message, "message is null");
        typingEvents = List.copyOf(typingEvents);
        users = List.copyOf(users);
    }

    /** The kind of call. */
    public HookKind kind() {
        return event.kind();
    }

    /** The participants' usernames, or their ids for users without one, in order: handy in assertions. */
    public List<String> participantNames() {
        return participants.stream()
                .map(user -> user.username().orElse(user.id()))
                .toList();
    }

    @Override
    public String toString() {
        return kind().seedName() + " " + event.id() + " in " + conversation.id();
    }
}

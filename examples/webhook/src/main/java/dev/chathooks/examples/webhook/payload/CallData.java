package dev.chathooks.examples.webhook.payload;

import dev.chathooks.api.Conversation;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of one hook call, as the callback received them: what goes into the payload's {@code data}.
 *
 * @param message the message, for the three message kinds; null otherwise
 * @param conversation the conversation
 * @param participants the participants
 * @param events the typing events, for {@code typing_started}; null otherwise
 * @param changedUsers {@code new_users} or {@code old_users}, for the two membership kinds; null otherwise
 */
public record CallData(
        Message message,
        Conversation conversation,
        List<User> participants,
        List<TypingEvent> events,
        List<User> changedUsers) {
    public CallData {
        Objects.requireNonNull(conversation, "conversation is null");
        Objects.requireNonNull(participants, "participants is null");
    }
}

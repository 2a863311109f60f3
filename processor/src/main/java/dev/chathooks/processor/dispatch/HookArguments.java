package dev.chathooks.processor.dispatch;

import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import dev.chathooks.processor.invocation.Invocation;
import java.util.List;

/**
 * An invocation resolved into the hook API's arguments, under the seed's names. Immutable, so one instance serves
 * every hook called for the invocation.
 *
 * @param invocation the invocation it was resolved from
 * @param event the event's identity, actor and time
 * @param conversation the conversation record
 * @param participants all members as user records
 * @param message the message, for message kinds; else null
 * @param events the typing events, for {@code typing_started}; else empty
 * @param users the users added ({@code new_users}) or removed ({@code old_users}); else empty
 */
public record HookArguments(
        Invocation invocation,
        EventInfo event,
        Conversation conversation,
        List<User> participants,
        Message message,
        List<TypingEvent> events,
        List<User> users) {}

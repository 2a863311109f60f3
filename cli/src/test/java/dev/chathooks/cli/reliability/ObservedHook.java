package dev.chathooks.cli.reliability;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.util.List;

/**
 * A hook for in-process fault tests: handles every kind, does what its {@link Behaviour} says (fail, hang, or
 * nothing), and logs each call that returned normally to a {@link CallLog}.
 */
final class ObservedHook implements ChatHook {
    /** What a call does before it is logged; throwing fails the call. */
    @FunctionalInterface
    interface Behaviour {
        void before(EventInfo event, Message message) throws Exception;
    }

    private final String name;
    private final CallLog log;
    private final Behaviour behaviour;

    ObservedHook(String name, CallLog log, Behaviour behaviour) {
        this.name = name;
        this.log = log;
        this.behaviour = behaviour;
    }

    /** A hook whose calls always succeed. */
    ObservedHook(String name, CallLog log) {
        this(name, log, (event, message) -> {});
    }

    @Override
    public String name() {
        return name;
    }

    private void handle(EventInfo event, Message message) throws Exception {
        behaviour.before(event, message);
        log.add(new Call(name, event.conversationId(), event.id(), event.kind().seedName(), ""));
    }

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants, EventInfo event)
            throws Exception {
        handle(event, message);
    }

    @Override
    public void afterMessageUpdated(
            Message message, Conversation conversation, List<User> participants, EventInfo event) throws Exception {
        handle(event, message);
    }

    @Override
    public void afterMessageDeleted(
            Message message, Conversation conversation, List<User> participants, EventInfo event) throws Exception {
        handle(event, message);
    }

    @Override
    public void typingStarted(
            Conversation conversation, List<User> participants, List<TypingEvent> events, EventInfo event)
            throws Exception {
        handle(event, null);
    }

    @Override
    public void afterConversationCreated(Conversation conversation, List<User> participants, EventInfo event)
            throws Exception {
        handle(event, null);
    }

    @Override
    public void afterConversationUpdated(Conversation conversation, List<User> participants, EventInfo event)
            throws Exception {
        handle(event, null);
    }

    @Override
    public void afterConversationDeleted(Conversation conversation, List<User> participants, EventInfo event)
            throws Exception {
        handle(event, null);
    }

    @Override
    public void afterUsersAddedToConversation(
            Conversation conversation, List<User> participants, List<User> newUsers, EventInfo event) throws Exception {
        handle(event, null);
    }

    @Override
    public void afterUsersRemovedFromConversation(
            Conversation conversation, List<User> participants, List<User> oldUsers, EventInfo event) throws Exception {
        handle(event, null);
    }
}

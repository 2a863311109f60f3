package dev.chathooks.processor.topology;

import static dev.chathooks.processor.deadletter.ReasonCode.UNKNOWN_CONVERSATION;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.processor.deadletter.RejectedRecordException;
import dev.chathooks.processor.event.ChatEvent;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The event contract's semantics as a pure function: given a conversation's state and one event, the new state
 * and the hook call to make, if any. Every Skygear fault the contract lists is fixed here, and this class is
 * where to read how.
 */
public final class ConversationLogic {
    private ConversationLogic() {}

    /**
     * What one event does.
     *
     * @param state the state after the event (null when the conversation is gone)
     * @param stateChanged whether {@code state} must be stored
     * @param invocation the hook call to make, or null for none
     */
    public record Outcome(ConversationState state, boolean stateChanged, Invocation invocation) {}

    /**
     * Applies an event to the state it is joined with.
     *
     * @param current the conversation's state (as of the event's timestamp for message and typing events), or null
     * @param event the event
     * @param source where the event was read
     * @throws RejectedRecordException as {@code unknown-conversation} when the event needs state and there is none
     */
    public static Outcome apply(ConversationState current, ChatEvent event, Invocation.Source source)
            throws RejectedRecordException {
        switch (event.type()) {
            case CONVERSATION_SNAPSHOT: {
                ConversationState next =
                        new ConversationState(event.conversation(), event.participantIds(), event.adminIds());
                return new Outcome(next, true, null);
            }
            case CONVERSATION_CREATED: {
                ConversationState next =
                        new ConversationState(event.conversation(), event.participantIds(), event.adminIds());
                return new Outcome(
                        next,
                        true,
                        invocation(HookKind.AFTER_CONVERSATION_CREATED, event, next, null, null, List.of(), source));
            }
            case CONVERSATION_UPDATED: {
                // Any update calls the hook, a change of metadata alone included (Skygear skipped those).
                ConversationState next = require(current, event).withConversation(event.conversation());
                return new Outcome(
                        next,
                        true,
                        invocation(HookKind.AFTER_CONVERSATION_UPDATED, event, next, null, null, List.of(), source));
            }
            case CONVERSATION_DELETED: {
                // One call with the members it had, and no after_users_removed_from_conversation for them.
                ConversationState before = require(current, event);
                // The conversation is always the full record: the event may carry only its id, or what changed.
                ObjectNode conversation = before.conversation();
                if (event.conversation() != null) {
                    conversation = conversation.deepCopy();
                    conversation.setAll(event.conversation());
                }
                return new Outcome(
                        null,
                        true,
                        invocation(
                                HookKind.AFTER_CONVERSATION_DELETED,
                                event,
                                before.withConversation(conversation),
                                null,
                                null,
                                List.of(),
                                source));
            }
            case PARTICIPANTS_ADDED: {
                ConversationState before = require(current, event);
                List<String> added = new ArrayList<>();
                for (String userId : event.userIds()) {
                    if (!before.members().contains(userId)) {
                        added.add(userId);
                    }
                }
                if (added.isEmpty()) {
                    return new Outcome(before, false, null); // only existing members: no change, no call
                }
                Set<String> members = new LinkedHashSet<>(before.members());
                members.addAll(added);
                ConversationState next = new ConversationState(before.conversation(), members, before.admins());
                return new Outcome(
                        next,
                        true,
                        invocation(HookKind.AFTER_USERS_ADDED_TO_CONVERSATION, event, next, null, null, added, source));
            }
            case PARTICIPANTS_REMOVED: {
                ConversationState before = require(current, event);
                List<String> removed = new ArrayList<>();
                for (String userId : event.userIds()) {
                    if (before.members().contains(userId)) {
                        removed.add(userId);
                    }
                }
                if (removed.isEmpty()) {
                    return new Outcome(before, false, null); // only non-members: no change, no call
                }
                Set<String> members = new LinkedHashSet<>(before.members());
                members.removeAll(removed);
                Set<String> admins = new LinkedHashSet<>(before.admins());
                admins.removeAll(removed);
                ConversationState next = new ConversationState(before.conversation(), members, admins);
                return new Outcome(
                        next,
                        true,
                        invocation(
                                HookKind.AFTER_USERS_REMOVED_FROM_CONVERSATION,
                                event,
                                next,
                                null,
                                null,
                                removed,
                                source));
            }
            case MESSAGE_SENT:
                return messageOutcome(HookKind.AFTER_MESSAGE_SENT, current, event, source);
            case MESSAGE_UPDATED:
                // Skygear reported a deletion as an update too; an update that deletes is a deletion only.
                return messageOutcome(
                        event.message().path("deleted").asBoolean(false)
                                ? HookKind.AFTER_MESSAGE_DELETED
                                : HookKind.AFTER_MESSAGE_UPDATED,
                        current,
                        event,
                        source);
            case MESSAGE_DELETED:
                return messageOutcome(HookKind.AFTER_MESSAGE_DELETED, current, event, source);
            case TYPING: {
                ConversationState state = require(current, event);
                if (!"begin".equals(event.typingState())) {
                    return new Outcome(state, false, null); // only begin starts typing
                }
                ArrayNode events = Json.array();
                events.add(event.typingEvent());
                return new Outcome(
                        state,
                        false,
                        invocation(HookKind.TYPING_STARTED, event, state, null, events, List.of(), source));
            }
            default:
                throw new IllegalStateException("no semantics for " + event.type());
        }
    }

    private static Outcome messageOutcome(
            HookKind kind, ConversationState current, ChatEvent event, Invocation.Source source)
            throws RejectedRecordException {
        ConversationState state = require(current, event);
        return new Outcome(state, false, invocation(kind, event, state, event.message(), null, List.of(), source));
    }

    private static ConversationState require(ConversationState current, ChatEvent event)
            throws RejectedRecordException {
        if (current == null) {
            throw new RejectedRecordException(
                    UNKNOWN_CONVERSATION,
                    "conversation " + event.conversationId()
                            + " has no state (never created or snapshotted, or deleted) at the time of event "
                            + event.id());
        }
        return current;
    }

    private static Invocation invocation(
            HookKind kind,
            ChatEvent event,
            ConversationState state,
            ObjectNode message,
            ArrayNode events,
            List<String> userIds,
            Invocation.Source source) {
        return new Invocation(
                kind,
                event.id(),
                event.type().wireName(),
                event.conversationId(),
                event.actor(),
                event.timestamp(),
                event.attributes(),
                state.conversation(),
                state.memberList(),
                message,
                events,
                userIds,
                source,
                new Invocation.Wire(event.json(), state.conversationJson(), state.memberListJson()));
    }
}

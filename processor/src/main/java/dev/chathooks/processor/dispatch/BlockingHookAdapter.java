package dev.chathooks.processor.dispatch;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A blocking {@link ChatHook} in the asynchronous form: each callback runs the blocking one on the calling thread
 * and returns a stage that is already complete (failed with what the hook threw). It lets {@link HookInvoker}
 * hold one switch over the kinds; which thread a blocking hook runs on stays the {@link HookCallRunner}'s choice.
 */
final class BlockingHookAdapter implements AsyncChatHook {
    /** A blocking callback. */
    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private final ChatHook hook;

    BlockingHookAdapter(ChatHook hook) {
        this.hook = hook;
    }

    private static CompletionStage<Void> run(Call call) {
        try {
            call.run();
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String name() {
        return hook.name();
    }

    @Override
    public CompletionStage<Void> afterMessageSent(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return run(() -> hook.afterMessageSent(message, conversation, participants, event));
    }

    @Override
    public CompletionStage<Void> afterMessageUpdated(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return run(() -> hook.afterMessageUpdated(message, conversation, participants, event));
    }

    @Override
    public CompletionStage<Void> afterMessageDeleted(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return run(() -> hook.afterMessageDeleted(message, conversation, participants, event));
    }

    @Override
    public CompletionStage<Void> typingStarted(
            Conversation conversation, List<User> participants, List<TypingEvent> events, EventInfo event) {
        return run(() -> hook.typingStarted(conversation, participants, events, event));
    }

    @Override
    public CompletionStage<Void> afterConversationCreated(
            Conversation conversation, List<User> participants, EventInfo event) {
        return run(() -> hook.afterConversationCreated(conversation, participants, event));
    }

    @Override
    public CompletionStage<Void> afterConversationUpdated(
            Conversation conversation, List<User> participants, EventInfo event) {
        return run(() -> hook.afterConversationUpdated(conversation, participants, event));
    }

    @Override
    public CompletionStage<Void> afterConversationDeleted(
            Conversation conversation, List<User> participants, EventInfo event) {
        return run(() -> hook.afterConversationDeleted(conversation, participants, event));
    }

    @Override
    public CompletionStage<Void> afterUsersAddedToConversation(
            Conversation conversation, List<User> participants, List<User> newUsers, EventInfo event) {
        return run(() -> hook.afterUsersAddedToConversation(conversation, participants, newUsers, event));
    }

    @Override
    public CompletionStage<Void> afterUsersRemovedFromConversation(
            Conversation conversation, List<User> participants, List<User> oldUsers, EventInfo event) {
        return run(() -> hook.afterUsersRemovedFromConversation(conversation, participants, oldUsers, event));
    }
}

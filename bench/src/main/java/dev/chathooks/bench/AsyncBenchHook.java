package dev.chathooks.bench;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The no-op hook as an {@link AsyncChatHook} (the kind that HTTP and push hooks are): each callback counts the call
 * on the {@link BenchHook} it wraps and returns a completed stage. With it ({@code --async-hook}) the pipeline's
 * figures leave out the hand-over to a hook thread that a blocking hook needs.
 */
final class AsyncBenchHook implements AsyncChatHook {
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final BenchHook counts;

    AsyncBenchHook(BenchHook counts) {
        this.counts = counts;
    }

    @Override
    public String name() {
        return counts.name();
    }

    private CompletionStage<Void> called(EventInfo event) {
        counts.called(event);
        return DONE;
    }

    @Override
    public CompletionStage<Void> afterMessageSent(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return called(event);
    }

    @Override
    public CompletionStage<Void> afterMessageUpdated(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return called(event);
    }

    @Override
    public CompletionStage<Void> afterMessageDeleted(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return called(event);
    }

    @Override
    public CompletionStage<Void> typingStarted(
            Conversation conversation, List<User> participants, List<TypingEvent> events, EventInfo event) {
        return called(event);
    }

    @Override
    public CompletionStage<Void> afterConversationCreated(
            Conversation conversation, List<User> participants, EventInfo event) {
        return called(event);
    }

    @Override
    public CompletionStage<Void> afterConversationUpdated(
            Conversation conversation, List<User> participants, EventInfo event) {
        return called(event);
    }

    @Override
    public CompletionStage<Void> afterConversationDeleted(
            Conversation conversation, List<User> participants, EventInfo event) {
        return called(event);
    }

    @Override
    public CompletionStage<Void> afterUsersAddedToConversation(
            Conversation conversation, List<User> participants, List<User> newUsers, EventInfo event) {
        return called(event);
    }

    @Override
    public CompletionStage<Void> afterUsersRemovedFromConversation(
            Conversation conversation, List<User> participants, List<User> oldUsers, EventInfo event) {
        return called(event);
    }
}

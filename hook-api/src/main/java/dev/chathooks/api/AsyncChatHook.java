package dev.chathooks.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A hook whose callbacks start work and return at once with a {@link CompletionStage}: for hooks that do I/O with
 * an asynchronous client (HTTP, push services). Override the callbacks you need; the others are never called.
 * Register it in {@code META-INF/services/dev.chathooks.api.AsyncChatHook}.
 *
 * <p>The contract of {@link ChatHook} holds, with these differences:
 * <ul>
 *   <li>A callback must not block: it runs on a processor thread shared with other work. Start the work and
 *       return.</li>
 *   <li>The call is finished when the returned stage completes. The next call for the same conversation starts
 *       only then; the processor keeps a bounded number of calls in flight per hook, so back-pressure comes from
 *       how fast the stages complete.</li>
 *   <li>A stage completed exceptionally, or a callback that throws, fails the call (retried, then dead-lettered);
 *       a stage that does not complete within the hook's timeout fails it too, and is cancelled.</li>
 * </ul>
 */
public non-sealed interface AsyncChatHook extends Hook {
    /** A message was sent to {@code conversation}. */
    default CompletionStage<Void> afterMessageSent(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return CompletableFuture.completedFuture(null);
    }

    /** A message was edited; {@code message} is its new revision. */
    default CompletionStage<Void> afterMessageUpdated(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return CompletableFuture.completedFuture(null);
    }

    /** A message was deleted. Never also reported as an update. */
    default CompletionStage<Void> afterMessageDeleted(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        return CompletableFuture.completedFuture(null);
    }

    /** Someone began typing; see {@link ChatHook#typingStarted}. */
    default CompletionStage<Void> typingStarted(
            Conversation conversation, List<User> participants, List<TypingEvent> events, EventInfo event) {
        return CompletableFuture.completedFuture(null);
    }

    /** A conversation was created with {@code participants} as its members. */
    default CompletionStage<Void> afterConversationCreated(
            Conversation conversation, List<User> participants, EventInfo event) {
        return CompletableFuture.completedFuture(null);
    }

    /** A conversation's record changed; a change of metadata alone counts. */
    default CompletionStage<Void> afterConversationUpdated(
            Conversation conversation, List<User> participants, EventInfo event) {
        return CompletableFuture.completedFuture(null);
    }

    /** A conversation was deleted; see {@link ChatHook#afterConversationDeleted}. */
    default CompletionStage<Void> afterConversationDeleted(
            Conversation conversation, List<User> participants, EventInfo event) {
        return CompletableFuture.completedFuture(null);
    }

    /** Users joined; see {@link ChatHook#afterUsersAddedToConversation}. */
    default CompletionStage<Void> afterUsersAddedToConversation(
            Conversation conversation, List<User> participants, List<User> newUsers, EventInfo event) {
        return CompletableFuture.completedFuture(null);
    }

    /** Users left or were removed; see {@link ChatHook#afterUsersRemovedFromConversation}. */
    default CompletionStage<Void> afterUsersRemovedFromConversation(
            Conversation conversation, List<User> participants, List<User> oldUsers, EventInfo event) {
        return CompletableFuture.completedFuture(null);
    }
}

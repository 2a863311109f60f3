package dev.chathooks.api;

import java.util.List;

/**
 * A hook with blocking callbacks, one for each {@link HookKind}: override the ones you need. The others do
 * nothing and are never called.
 *
 * <pre>{@code
 * public final class LoggingHook implements ChatHook {
 *     public void afterMessageSent(Message message, Conversation conversation, List<User> participants,
 *                                  EventInfo event) {
 *         System.out.printf("Message [%s] is sent to conversation [%s].%n",
 *                 message.body().orElse(""), conversation.title().orElse(""));
 *     }
 * }
 * }</pre>
 * and a line {@code com.example.LoggingHook} in {@code META-INF/services/dev.chathooks.api.ChatHook}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Arguments.</b> Every argument is immutable and never null. {@code conversation} is the full record,
 *       {@code participants} are all current members (admins included) as user records; a user the processor has
 *       no record for is {@link User#unknown(String) its id alone}.</li>
 *   <li><b>Order.</b> Calls for one conversation are made one at a time, in the order the chat server wrote the
 *       events, and the next starts only after the previous returned (or failed for good).</li>
 *   <li><b>Threading.</b> Calls for different conversations may run at the same time on different threads: an
 *       implementation must be thread-safe. Blocking is allowed (it holds one of the hook's worker threads); a
 *       call that runs longer than the hook's timeout is interrupted and counts as failed.</li>
 *   <li><b>Delivery.</b> At least once. After a crash, a rebalance, a retry or a rewind, a call may be made
 *       again with the same {@link EventInfo#id()}: use it as the idempotency key.</li>
 *   <li><b>Failure.</b> Throwing fails the call. It is retried with backoff up to the hook's retry limit, then
 *       sent to the dead-letter topic with reason {@code hook-failed}, and the hook moves on. Throw
 *       {@link PermanentHookFailureException} to skip the retries. A failing hook never affects other hooks.</li>
 * </ul>
 */
public non-sealed interface ChatHook extends Hook {
    /** A message was sent to {@code conversation}. */
    default void afterMessageSent(Message message, Conversation conversation, List<User> participants, EventInfo event)
            throws Exception {}

    /** A message was edited; {@code message} is its new revision. */
    default void afterMessageUpdated(
            Message message, Conversation conversation, List<User> participants, EventInfo event) throws Exception {}

    /** A message was deleted. Never also reported as an update. */
    default void afterMessageDeleted(
            Message message, Conversation conversation, List<User> participants, EventInfo event) throws Exception {}

    /**
     * Someone began typing. {@code events} holds that one {@code begin} event, or, when the processor coalesces
     * typing, every typing event of the conversation in the window (with at least one {@code begin}).
     */
    default void typingStarted(
            Conversation conversation, List<User> participants, List<TypingEvent> events, EventInfo event)
            throws Exception {}

    /** A conversation was created with {@code participants} as its members. */
    default void afterConversationCreated(Conversation conversation, List<User> participants, EventInfo event)
            throws Exception {}

    /** A conversation's record changed; a change of metadata alone counts. */
    default void afterConversationUpdated(Conversation conversation, List<User> participants, EventInfo event)
            throws Exception {}

    /**
     * A conversation was deleted; {@code participants} are the members it had. Called once, with no
     * {@link #afterUsersRemovedFromConversation} for its members.
     */
    default void afterConversationDeleted(Conversation conversation, List<User> participants, EventInfo event)
            throws Exception {}

    /**
     * Users joined. {@code participants} are the members after the change; {@code newUsers} exactly those who
     * were not members before (never empty: adding only existing members calls no hook).
     */
    default void afterUsersAddedToConversation(
            Conversation conversation, List<User> participants, List<User> newUsers, EventInfo event)
            throws Exception {}

    /**
     * Users left or were removed. {@code participants} are the members after the change; {@code oldUsers} exactly
     * those who were members before (never empty: removing only non-members calls no hook).
     */
    default void afterUsersRemovedFromConversation(
            Conversation conversation, List<User> participants, List<User> oldUsers, EventInfo event)
            throws Exception {}
}

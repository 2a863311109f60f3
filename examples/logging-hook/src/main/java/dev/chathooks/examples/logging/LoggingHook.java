package dev.chathooks.examples.logging;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The first snippet of Skygear Chat's hook documentation as a Java hook: prints one line to standard output for
 * every hook call. After a message is sent it prints, as the seed does,
 * {@code Message [<body>] is sent to conversation [<title>].}; a message that is only a file prints
 * {@code [<sender>] sent a file to conversation [<title>].} instead of an empty body. Every other kind prints one
 * line in the same spirit.
 *
 * <p>It prints chat content by design: it is the example to start from, not a hook for production logs.
 */
public final class LoggingHook implements ChatHook {
    private final PrintStream out;

    /** Prints to {@link System#out}: the constructor the processor uses. */
    public LoggingHook() {
        this(System.out);
    }

    /** Prints to {@code out}; tests pass a stream they can read. */
    LoggingHook(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out is null");
    }

    /** {@code logging}: written out rather than derived from the class name, so a rename cannot change it. */
    @Override
    public String name() {
        return "logging";
    }

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants, EventInfo event) {
        if (message.body().isEmpty() && message.attachment().isPresent()) {
            String sender =
                    message.senderId().map(id -> displayName(id, participants)).orElse("");
            print("[" + sender + "] sent a file to conversation [" + title(conversation) + "].");
        } else {
            print("Message [" + message.body().orElse("") + "] is sent to conversation [" + title(conversation) + "].");
        }
    }

    @Override
    public void afterMessageUpdated(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        print("Message [" + message.body().orElse("") + "] is updated in conversation [" + title(conversation) + "].");
    }

    @Override
    public void afterMessageDeleted(
            Message message, Conversation conversation, List<User> participants, EventInfo event) {
        print("Message " + message.id() + " is deleted from conversation [" + title(conversation) + "].");
    }

    @Override
    public void typingStarted(
            Conversation conversation, List<User> participants, List<TypingEvent> events, EventInfo event) {
        // With coalescing, one call may carry several users' events: name each user who began, once.
        String typists = events.stream()
                .filter(typing ->
                        typing.state().filter(TypingEvent.State.BEGIN::equals).isPresent())
                .map(typing ->
                        typing.userId().map(id -> displayName(id, participants)).orElse(""))
                .distinct()
                .collect(Collectors.joining(", "));
        print("[" + typists + "] started typing in conversation [" + title(conversation) + "].");
    }

    @Override
    public void afterConversationCreated(Conversation conversation, List<User> participants, EventInfo event) {
        print("Conversation [" + title(conversation) + "] was created with " + count(participants) + ".");
    }

    @Override
    public void afterConversationUpdated(Conversation conversation, List<User> participants, EventInfo event) {
        print("Conversation [" + title(conversation) + "] was updated.");
    }

    @Override
    public void afterConversationDeleted(Conversation conversation, List<User> participants, EventInfo event) {
        print("Conversation [" + title(conversation) + "] was deleted; it had " + count(participants) + ".");
    }

    @Override
    public void afterUsersAddedToConversation(
            Conversation conversation, List<User> participants, List<User> newUsers, EventInfo event) {
        print("[" + names(newUsers) + "] " + (newUsers.size() == 1 ? "was" : "were") + " added to conversation ["
                + title(conversation) + "].");
    }

    @Override
    public void afterUsersRemovedFromConversation(
            Conversation conversation, List<User> participants, List<User> oldUsers, EventInfo event) {
        print("[" + names(oldUsers) + "] " + (oldUsers.size() == 1 ? "was" : "were") + " removed from conversation ["
                + title(conversation) + "].");
    }

    /** One println per call: PrintStream locks per call, so lines from concurrent calls never interleave. */
    private void print(String line) {
        out.println(line);
    }

    private static String title(Conversation conversation) {
        return conversation.title().orElse("");
    }

    private static String count(List<User> participants) {
        return participants.size() + (participants.size() == 1 ? " participant" : " participants");
    }

    private static String names(List<User> users) {
        return users.stream().map(LoggingHook::displayName).collect(Collectors.joining(", "));
    }

    /** The user's username; the id when the processor has no record of the user, or the record no username. */
    private static String displayName(User user) {
        return user.username().orElse(user.id());
    }

    private static String displayName(String userId, List<User> participants) {
        return participants.stream()
                .filter(user -> user.id().equals(userId))
                .findFirst()
                .map(LoggingHook::displayName)
                .orElse(userId);
    }
}

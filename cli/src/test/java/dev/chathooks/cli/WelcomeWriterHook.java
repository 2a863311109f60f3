package dev.chathooks.cli;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookContext;
import dev.chathooks.api.TopicWriter;
import dev.chathooks.api.User;
import java.util.List;
import java.util.Map;

/**
 * A test hook that writes a welcome record to topic {@code chat.welcome} for every user added to a conversation.
 * It depends on the hook API alone, so {@link ReplayHookWritesTest} packs it into a plugin JAR of its own.
 */
public final class WelcomeWriterHook implements ChatHook {
    private TopicWriter welcomes;

    @Override
    public void start(HookContext context) {
        welcomes = context.topicWriter("chat.welcome");
    }

    @Override
    public void afterUsersAddedToConversation(
            Conversation conversation, List<User> participants, List<User> newUsers, EventInfo event) {
        for (User user : newUsers) {
            welcomes.send(user.id(), Map.of("conversation_id", conversation.id(), "user_id", user.id()))
                    .toCompletableFuture()
                    .join();
        }
    }
}

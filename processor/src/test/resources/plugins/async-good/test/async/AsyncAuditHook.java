package test.async;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.User;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An asynchronous hook for one kind. */
public final class AsyncAuditHook implements AsyncChatHook {
    @Override
    public CompletionStage<Void> afterConversationCreated(Conversation conversation, List<User> participants,
                                                          EventInfo event) {
        return CompletableFuture.completedFuture(null);
    }
}

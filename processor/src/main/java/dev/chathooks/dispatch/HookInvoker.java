package dev.chathooks.dispatch;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Hook;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Calls the callback of a hook that matches an invocation's kind, with the hook's class loader as the thread's
 * context class loader (libraries inside a plugin look their resources up there).
 *
 * <p>A {@link ChatHook} runs on the calling thread, so callers choose the thread; an {@link AsyncChatHook} returns
 * its stage. Either way the result is a stage, and an exception thrown by the hook becomes a failed stage: the
 * caller never sees a hook's exception thrown.
 */
public final class HookInvoker {
    private HookInvoker() {
    }

    /** Calls {@code hook} for {@code arguments}. */
    public static CompletionStage<Void> call(Hook hook, HookArguments arguments) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(hook.getClass().getClassLoader());
        try {
            if (hook instanceof AsyncChatHook) {
                CompletionStage<Void> stage = callAsync((AsyncChatHook) hook, arguments);
                return stage == null
                        ? CompletableFuture.failedFuture(new IllegalStateException(hook.name() + " returned null"))
                        : stage;
            }
            callBlocking((ChatHook) hook, arguments);
            return CompletableFuture.completedFuture(null);
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void callBlocking(ChatHook hook, HookArguments a) throws Exception {
        switch (a.event().kind()) {
            case AFTER_MESSAGE_SENT:
                hook.afterMessageSent(a.message(), a.conversation(), a.participants(), a.event());
                break;
            case AFTER_MESSAGE_UPDATED:
                hook.afterMessageUpdated(a.message(), a.conversation(), a.participants(), a.event());
                break;
            case AFTER_MESSAGE_DELETED:
                hook.afterMessageDeleted(a.message(), a.conversation(), a.participants(), a.event());
                break;
            case TYPING_STARTED:
                hook.typingStarted(a.conversation(), a.participants(), a.events(), a.event());
                break;
            case AFTER_CONVERSATION_CREATED:
                hook.afterConversationCreated(a.conversation(), a.participants(), a.event());
                break;
            case AFTER_CONVERSATION_UPDATED:
                hook.afterConversationUpdated(a.conversation(), a.participants(), a.event());
                break;
            case AFTER_CONVERSATION_DELETED:
                hook.afterConversationDeleted(a.conversation(), a.participants(), a.event());
                break;
            case AFTER_USERS_ADDED_TO_CONVERSATION:
                hook.afterUsersAddedToConversation(a.conversation(), a.participants(), a.users(), a.event());
                break;
            case AFTER_USERS_REMOVED_FROM_CONVERSATION:
                hook.afterUsersRemovedFromConversation(a.conversation(), a.participants(), a.users(), a.event());
                break;
            default:
                throw new IllegalStateException("no callback for " + a.event().kind());
        }
    }

    private static CompletionStage<Void> callAsync(AsyncChatHook hook, HookArguments a) {
        switch (a.event().kind()) {
            case AFTER_MESSAGE_SENT:
                return hook.afterMessageSent(a.message(), a.conversation(), a.participants(), a.event());
            case AFTER_MESSAGE_UPDATED:
                return hook.afterMessageUpdated(a.message(), a.conversation(), a.participants(), a.event());
            case AFTER_MESSAGE_DELETED:
                return hook.afterMessageDeleted(a.message(), a.conversation(), a.participants(), a.event());
            case TYPING_STARTED:
                return hook.typingStarted(a.conversation(), a.participants(), a.events(), a.event());
            case AFTER_CONVERSATION_CREATED:
                return hook.afterConversationCreated(a.conversation(), a.participants(), a.event());
            case AFTER_CONVERSATION_UPDATED:
                return hook.afterConversationUpdated(a.conversation(), a.participants(), a.event());
            case AFTER_CONVERSATION_DELETED:
                return hook.afterConversationDeleted(a.conversation(), a.participants(), a.event());
            case AFTER_USERS_ADDED_TO_CONVERSATION:
                return hook.afterUsersAddedToConversation(a.conversation(), a.participants(), a.users(), a.event());
            case AFTER_USERS_REMOVED_FROM_CONVERSATION:
                return hook.afterUsersRemovedFromConversation(a.conversation(), a.participants(), a.users(),
                        a.event());
            default:
                throw new IllegalStateException("no callback for " + a.event().kind());
        }
    }
}

package dev.chathooks.processor.dispatch;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Hook;
import dev.chathooks.processor.plugins.ContextClassLoaderSwap;
import dev.chathooks.processor.plugins.LoadedHook;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Calls the callback of a hook that matches an invocation's kind, inside a {@link ContextClassLoaderSwap} to the
 * hook's class loader (libraries inside a plugin look their resources up there).
 *
 * <p>Every hook is called in the asynchronous form: a {@link ChatHook} is {@link #asAsync adapted} once, and runs
 * on the calling thread, so callers choose the thread. Either way the result is a stage, and an exception thrown by
 * the hook becomes a failed stage: the caller never sees a hook's exception thrown.
 */
final class HookInvoker {
    private HookInvoker() {}

    /** {@code hook} in the asynchronous form: itself, or a blocking hook adapted; adapt once per hook. */
    static AsyncChatHook asAsync(Hook hook) {
        return hook instanceof AsyncChatHook ? (AsyncChatHook) hook : new BlockingHookAdapter((ChatHook) hook);
    }

    /**
     * Calls {@code hook} for {@code arguments}.
     *
     * @param hook the hook, {@link #asAsync adapted}
     * @param loaded the hook as loaded, whose class loader is the context class loader during the call (the same
     *     swap as for its {@code start} and {@code close})
     */
    static CompletionStage<Void> call(AsyncChatHook hook, LoadedHook loaded, HookArguments arguments) {
        try (ContextClassLoaderSwap swap = loaded.swapContextClassLoader()) {
            CompletionStage<Void> stage = callback(hook, arguments);
            return stage == null
                    ? CompletableFuture.failedFuture(new IllegalStateException(hook.name() + " returned null"))
                    : stage;
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletionStage<Void> callback(AsyncChatHook hook, HookArguments a) {
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
                return hook.afterUsersRemovedFromConversation(a.conversation(), a.participants(), a.users(), a.event());
            default:
                throw new IllegalStateException("no callback for " + a.event().kind());
        }
    }
}

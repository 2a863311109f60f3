package dev.chathooks.processor.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class HookCallbacksTest {
    @Test
    void findsExactlyTheCallbacksAHookOverrides() {
        assertThat(HookCallbacks.overriddenKinds(SentAndTyping.class))
                .containsExactlyInAnyOrder(HookKind.AFTER_MESSAGE_SENT, HookKind.TYPING_STARTED);
    }

    @Test
    void aHookThatOverridesNothingHandlesNoKind() {
        assertThat(HookCallbacks.overriddenKinds(Idle.class)).isEmpty();
    }

    @Test
    void callbacksInheritedFromASuperclassCount() {
        assertThat(HookCallbacks.overriddenKinds(InheritsDeleted.class))
                .containsExactly(HookKind.AFTER_MESSAGE_DELETED);
    }

    @Test
    void callbacksFromAnAuthorsOwnInterfaceCount() {
        assertThat(HookCallbacks.overriddenKinds(UsesAuthorsInterface.class))
                .containsExactly(HookKind.AFTER_CONVERSATION_CREATED);
    }

    @Test
    void findsTheCallbacksAnAsyncHookOverrides() {
        assertThat(HookCallbacks.overriddenKinds(AsyncRemoved.class))
                .containsExactly(HookKind.AFTER_USERS_REMOVED_FROM_CONVERSATION);
    }

    @Test
    void everyKindHasACallbackInBothInterfacesAndEveryCallbackHasAKind() {
        for (Class<?> api : List.of(ChatHook.class, AsyncChatHook.class)) {
            List<Method> callbacks = Arrays.stream(api.getDeclaredMethods())
                    .filter(method -> !Modifier.isStatic(method.getModifiers()) && !method.isSynthetic())
                    .toList();
            assertThat(callbacks).hasSize(HookKind.values().length);
            for (HookKind kind : HookKind.values()) {
                assertThat(callbacks).contains(HookCallbacks.callback(api, kind));
            }
        }
        assertThat(HookCallbacks.methodName(HookKind.AFTER_USERS_ADDED_TO_CONVERSATION))
                .isEqualTo("afterUsersAddedToConversation");
    }

    public static final class SentAndTyping implements ChatHook {
        @Override
        public void afterMessageSent(
                Message message, Conversation conversation, List<User> participants, EventInfo event) {}

        @Override
        public void typingStarted(
                Conversation conversation, List<User> participants, List<TypingEvent> events, EventInfo event) {}
    }

    public static final class Idle implements ChatHook {}

    public abstract static class DeletedBase implements ChatHook {
        @Override
        public void afterMessageDeleted(
                Message message, Conversation conversation, List<User> participants, EventInfo event) {}
    }

    public static final class InheritsDeleted extends DeletedBase {}

    public interface CreatedByDefault extends ChatHook {
        @Override
        default void afterConversationCreated(Conversation conversation, List<User> participants, EventInfo event) {}
    }

    public static final class UsesAuthorsInterface implements CreatedByDefault {}

    public static final class AsyncRemoved implements AsyncChatHook {
        @Override
        public CompletionStage<Void> afterUsersRemovedFromConversation(
                Conversation conversation, List<User> participants, List<User> oldUsers, EventInfo event) {
            return CompletableFuture.completedFuture(null);
        }
    }
}

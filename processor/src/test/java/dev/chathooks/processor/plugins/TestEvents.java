package dev.chathooks.processor.plugins;

import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Arguments for calling test hooks, and ways to read what test hooks saw from outside their class loader. */
final class TestEvents {
    static final Message MESSAGE = Message.of(Map.of("id", "m-1", "conversation_id", "c-1", "body", "hi"));
    static final Conversation CONVERSATION = Conversation.of(Map.of("id", "c-1", "title", "Team"));
    static final List<User> PARTICIPANTS = List.of(User.unknown("u-alice"), User.unknown("u-bob"));

    private TestEvents() {}

    static EventInfo event(String id, HookKind kind) {
        return new EventInfo(id, kind, "chat.test", "c-1", "u-alice", Instant.parse("2026-11-24T10:00:00Z"), Map.of());
    }

    /** Calls the hook's afterMessageSent with event {@code id}, inside its context class loader. */
    @SuppressWarnings("try") // the swap is held for its effect on the thread
    static void sendMessage(LoadedHook hook, String id) throws Exception {
        try (ContextClassLoaderSwap ignored = hook.swapContextClassLoader()) {
            hook.chatHook()
                    .afterMessageSent(MESSAGE, CONVERSATION, PARTICIPANTS, event(id, HookKind.AFTER_MESSAGE_SENT));
        }
    }

    /** The calls a test hook that is a {@code Supplier<List<String>>} recorded. */
    @SuppressWarnings("unchecked")
    static List<String> calls(LoadedHook hook) {
        return ((Supplier<List<String>>) hook.hook()).get();
    }

    /** Asks a test hook that is a {@code Function<String, String>}, such as the probe plugin. */
    @SuppressWarnings("unchecked")
    static String ask(LoadedHook hook, String question) {
        return ((Function<String, String>) hook.hook()).apply(question);
    }
}

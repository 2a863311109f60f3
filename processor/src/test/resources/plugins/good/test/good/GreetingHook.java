package test.good;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookContext;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A well-made hook for two kinds; the test reads the calls it received through Supplier. Its one configuration
 * key, {@code greeting}, is the word each call is recorded with.
 */
public final class GreetingHook implements ChatHook, Supplier<List<String>> {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile String greeting = "greeting";

    @Override
    public String name() {
        return "greeting";
    }

    @Override
    public void start(HookContext context) {
        greeting = context.config().get("greeting", "greeting");
    }

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants,
                                 EventInfo event) {
        calls.add(greeting + " " + event.kind().seedName() + " " + event.id());
    }

    @Override
    public void typingStarted(Conversation conversation, List<User> participants, List<TypingEvent> events,
                              EventInfo event) {
        calls.add(greeting + " " + event.kind().seedName() + " " + event.id());
    }

    @Override
    public List<String> get() {
        return List.copyOf(calls);
    }
}

package test.second;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A second hook for after_message_sent, in a plugin of its own; its name comes from the default. */
public final class SecondSentHook implements ChatHook, Supplier<List<String>> {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants,
                                 EventInfo event) {
        calls.add("second-sent " + event.kind().seedName() + " " + event.id());
    }

    @Override
    public List<String> get() {
        return List.copyOf(calls);
    }
}

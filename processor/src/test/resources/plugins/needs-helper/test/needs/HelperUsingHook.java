package test.needs;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import test.helper.Greeter;

import java.util.List;
import java.util.function.Function;

/** A hook whose work is done by a class of another JAR of its plugin. */
public final class HelperUsingHook implements ChatHook, Function<String, String> {
    private final Greeter greeter = new Greeter();

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants,
                                 EventInfo event) {
        greeter.greet(event.id());
    }

    @Override
    public String apply(String who) {
        return greeter.greet(who);
    }
}

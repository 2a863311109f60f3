package test.helper;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;

import java.util.List;

/** A base class for hooks, shipped in a library JAR. */
public abstract class BaseHook implements ChatHook {
    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants,
                                 EventInfo event) {
    }
}

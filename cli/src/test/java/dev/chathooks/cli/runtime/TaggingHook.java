package dev.chathooks.cli.runtime;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookContext;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records {@code <tag> <event id>} for every after_message_sent call, by the name it was started under; its tag is
 * its one key, {@code hook.<name>.tag}. Public with a no-argument constructor, so that it can run as several
 * instances.
 */
public final class TaggingHook implements ChatHook {
    private static final Map<String, Queue<String>> CALLS = new ConcurrentHashMap<>();

    private volatile Queue<String> calls;
    private volatile String tag;

    /** The calls of the hook or instance started as {@code name}. */
    static Queue<String> callsOf(String name) {
        return CALLS.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>());
    }

    @Override
    public String name() {
        return "tagging";
    }

    @Override
    public void start(HookContext context) {
        tag = context.config().require("tag", "a word to record calls with");
        calls = callsOf(context.hookName());
    }

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants, EventInfo event) {
        calls.add(tag + " " + event.id());
    }
}

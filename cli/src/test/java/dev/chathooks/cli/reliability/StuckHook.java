package dev.chathooks.cli.reliability;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookContext;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A hook named {@code stuck} that never finishes a call: every {@code after_message_sent} blocks until interrupted
 * (its timeout, or the shutdown). Its {@code start} waits until the file {@code hook.stuck.gate} exists, so that a
 * test can hold the process in its start-up for as long as it likes.
 */
public final class StuckHook implements ChatHook {
    @Override
    public String name() {
        return "stuck";
    }

    @Override
    public void start(HookContext context) throws InterruptedException {
        Path gate = Path.of(context.config().require("gate", "a file whose existence lets the start go on"));
        while (!Files.exists(gate)) {
            Thread.sleep(20);
        }
    }

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants, EventInfo event)
            throws InterruptedException {
        new CountDownLatch(1).await();
    }
}

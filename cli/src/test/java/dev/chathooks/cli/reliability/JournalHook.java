package dev.chathooks.cli.reliability;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookContext;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hook for fault tests whose processor runs in another JVM: it appends a line per call to a journal file that
 * every instance shares, so the journal's order is the order in which calls were made, across processes. Each line
 * is one append (one {@code write} to a file opened for appending), so lines of different processes never mix and
 * a process killed mid-call leaves no half line.
 *
 * <p>Configuration ({@code hook.<name>.*}): {@code journal}, the file; {@code instance}, the name written in each
 * line; {@code failure-rate}, the share of calls that fail at random before anything is written (default 0).
 */
public abstract class JournalHook implements ChatHook {
    private FileChannel journal;
    private String instance;
    private double failureRate;

    @Override
    public void start(HookContext context) throws IOException {
        journal = FileChannel.open(
                Path.of(context.config().require("journal", "the journal file's path")),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        instance = context.config().get("instance", "");
        failureRate = Double.parseDouble(context.config().get("failure-rate", "0"));
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private void record(EventInfo event) throws IOException {
        if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
            throw new IllegalStateException("failing at random, as configured");
        }
        byte[] line = new Call(
                        name(), event.conversationId(), event.id(), event.kind().seedName(), instance)
                .toLine()
                .getBytes(StandardCharsets.UTF_8);
        journal.write(ByteBuffer.wrap(line));
    }

    @Override
    public void afterMessageSent(Message message, Conversation conversation, List<User> participants, EventInfo event)
            throws IOException {
        record(event);
    }

    @Override
    public void afterMessageUpdated(
            Message message, Conversation conversation, List<User> participants, EventInfo event) throws IOException {
        record(event);
    }

    @Override
    public void afterMessageDeleted(
            Message message, Conversation conversation, List<User> participants, EventInfo event) throws IOException {
        record(event);
    }

    @Override
    public void typingStarted(
            Conversation conversation, List<User> participants, List<TypingEvent> events, EventInfo event)
            throws IOException {
        record(event);
    }

    @Override
    public void afterConversationCreated(Conversation conversation, List<User> participants, EventInfo event)
            throws IOException {
        record(event);
    }

    @Override
    public void afterConversationUpdated(Conversation conversation, List<User> participants, EventInfo event)
            throws IOException {
        record(event);
    }

    @Override
    public void afterConversationDeleted(Conversation conversation, List<User> participants, EventInfo event)
            throws IOException {
        record(event);
    }

    @Override
    public void afterUsersAddedToConversation(
            Conversation conversation, List<User> participants, List<User> newUsers, EventInfo event)
            throws IOException {
        record(event);
    }

    @Override
    public void afterUsersRemovedFromConversation(
            Conversation conversation, List<User> participants, List<User> oldUsers, EventInfo event)
            throws IOException {
        record(event);
    }
}

package dev.chathooks.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.cli.ChatHooksCommand;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.devtools.dump.JsonLinesWriter;
import dev.chathooks.devtools.dump.TopicDumpReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tests that compare a broker-less run ({@code replay}, the hook test kit) with {@code run} on the shared
 * embedded broker share: one configuration for both, on topics of their own, and the dump loaded as
 * {@code chat-hooks load} loads it.
 */
final class LiveRunFixture {
    private static final List<String> TOPICS =
            List.of("conversations", "messages", "typing", "users", "devices", "dlq");

    private LiveRunFixture() {}

    /** Where the chat server writes the conversation-keyed events (docs/events.md, "Topics"). */
    enum Layout {
        /** {@code <prefix>.conversations}, {@code <prefix>.messages} and {@code <prefix>.typing}. */
        THREE_TOPICS,
        /** All on {@code <prefix>.events}. */
        ONE_TOPIC;

        /** The topic of {@code key} ({@code conversations}, {@code messages}, ...) in this layout. */
        String topic(String prefix, String key) {
            return this == ONE_TOPIC && CONVERSATION_KEYED.contains(key) ? prefix + ".events" : prefix + "." + key;
        }
    }

    private static final List<String> CONVERSATION_KEYED = List.of("conversations", "messages", "typing");

    /**
     * Keys for a run on topics {@code <prefix>.conversations}, {@code <prefix>.messages}, ... with application id
     * {@code prefix}: two attempts per call, 10 to 20 ms apart, so that a failing hook's dead letters come quickly.
     */
    static Map<String, String> keys(String prefix) {
        return keys(prefix, Layout.THREE_TOPICS);
    }

    /**
     * As {@link #keys(String)}, on the topics of {@code layout}; a message of a conversation with no state waits
     * 2 s for its creation (join.unknown-conversation.wait), to keep the tests short.
     */
    static Map<String, String> keys(String prefix, Layout layout) {
        Map<String, String> keys = new HashMap<>();
        keys.put("application.id", prefix);
        for (String topic : TOPICS) {
            keys.put("topics." + topic, layout.topic(prefix, topic));
        }
        keys.put("join.unknown-conversation.wait", "2s");
        keys.put("topics.partitions", "2");
        keys.put("commit.interval.ms", "100");
        keys.put("dispatch.retry.max-attempts", "2");
        keys.put("dispatch.retry.initial-backoff", "10ms");
        keys.put("dispatch.retry.max-backoff", "20ms");
        keys.put("dispatch.dedup-window", "1h");
        return keys;
    }

    /** Writes {@code source}'s records to {@code target} with their topics {@code chat.*} renamed {@code <prefix>.*}. */
    static void writeOnTopics(Path source, String prefix, Path target) throws IOException {
        writeOnTopics(source, prefix, Layout.THREE_TOPICS, target);
    }

    /** Writes {@code source}'s records to {@code target}, their topics {@code chat.*} on those of {@code layout}. */
    static void writeOnTopics(Path source, String prefix, Layout layout, Path target) throws IOException {
        try (TopicDumpReader reader = TopicDumpReader.open(source);
                JsonLinesWriter writer = new JsonLinesWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
            while (reader.hasNext()) {
                DumpRecord record = reader.next();
                String topic = record.topic().startsWith("chat.")
                        ? layout.topic(prefix, record.topic().substring("chat.".length()))
                        : record.topic();
                writer.write(new DumpRecord(topic, record.key(), record.timestamp(), record.value(), record.headers()));
            }
        }
    }

    /**
     * Loads {@code dump} into the topics {@code keys} names with {@code chat-hooks load --retime}: its newest record
     * stamped now, for the broker would delete records older than the topics' retention before the run reads them.
     */
    static void load(Path dump, Map<String, String> keys) {
        List<String> args = new ArrayList<>(List.of(
                "load", "--input", dump.toString(), "--retime", "--bootstrap-servers", keys.get("bootstrap.servers")));
        keys.forEach((key, value) -> {
            if (key.startsWith("topics.")) {
                args.addAll(List.of("--set", key + "=" + value));
            }
        });
        StringWriter err = new StringWriter();
        int exit = ChatHooksCommand.execute(
                new PrintWriter(new StringWriter()), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
    }
}

package dev.chathooks.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import dev.chathooks.devtools.replay.ReplayOutput;
import dev.chathooks.devtools.replay.Replayer;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetter;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.hosting.HookHost;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replay and a live run share one dispatch path: the example dump of all nine kinds and its bad records, through a
 * hook that records its calls and a hook that fails some, gives the same calls and the same dead letters with
 * {@code replay} (no broker) as with {@code run} on the embedded broker.
 */
@KafkaIntegrationTest
class ReplayAndRunAgreeTest {
    private static final Path DUMP =
            Path.of("..").toAbsolutePath().normalize().resolve("examples/dumps/all-nine-kinds.jsonl");

    @TempDir
    Path dir;

    /** Records every call of every kind, with its arguments, as one line. */
    static final class RecordingHook implements ChatHook {
        final Queue<String> calls = new ConcurrentLinkedQueue<>();

        @Override
        public String name() {
            return "recording";
        }

        private void record(
                String kind, EventInfo event, Conversation conversation, List<User> participants, Object more) {
            calls.add(kind + " " + event.id() + " " + event.actor().orElse("-") + " " + conversation.fields() + " "
                    + participants.stream().map(User::fields).toList() + " " + more);
        }

        @Override
        public void afterMessageSent(Message m, Conversation c, List<User> p, EventInfo e) {
            record("sent", e, c, p, m.fields());
        }

        @Override
        public void afterMessageUpdated(Message m, Conversation c, List<User> p, EventInfo e) {
            record("updated", e, c, p, m.fields());
        }

        @Override
        public void afterMessageDeleted(Message m, Conversation c, List<User> p, EventInfo e) {
            record("deleted", e, c, p, m.fields());
        }

        @Override
        public void typingStarted(Conversation c, List<User> p, List<TypingEvent> t, EventInfo e) {
            record("typing", e, c, p, t.stream().map(TypingEvent::fields).toList());
        }

        @Override
        public void afterConversationCreated(Conversation c, List<User> p, EventInfo e) {
            record("created", e, c, p, "");
        }

        @Override
        public void afterConversationUpdated(Conversation c, List<User> p, EventInfo e) {
            record("conversation-updated", e, c, p, "");
        }

        @Override
        public void afterConversationDeleted(Conversation c, List<User> p, EventInfo e) {
            record("conversation-deleted", e, c, p, "");
        }

        @Override
        public void afterUsersAddedToConversation(Conversation c, List<User> p, List<User> n, EventInfo e) {
            record("added", e, c, p, n.stream().map(User::fields).toList());
        }

        @Override
        public void afterUsersRemovedFromConversation(Conversation c, List<User> p, List<User> o, EventInfo e) {
            record("removed", e, c, p, o.stream().map(User::fields).toList());
        }
    }

    /** Fails every sent message but the first of each sender, and records its successes. */
    static final class FailingHook implements ChatHook {
        final Queue<String> calls = new ConcurrentLinkedQueue<>();

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public void afterMessageSent(Message m, Conversation c, List<User> p, EventInfo e) {
            if (!m.body().orElse("").startsWith("Who")) {
                throw new IllegalStateException("downstream is down");
            }
            calls.add(e.id());
        }
    }

    @ParameterizedTest
    @EnumSource(LiveRunFixture.Layout.class)
    void theExampleDumpGivesTheSameCallsAndDeadLettersThroughReplayAndRun(LiveRunFixture.Layout layout)
            throws IOException {
        String prefix = TestTopics.uniqueName("agree");
        Map<String, String> keys = LiveRunFixture.keys(prefix, layout);
        Path dump = dir.resolve("dump.jsonl");
        LiveRunFixture.writeOnTopics(DUMP, prefix, layout, dump);

        RecordingHook replayed = new RecordingHook();
        FailingHook replayedFailing = new FailingHook();
        List<String> replayDeadLetters = new ArrayList<>();
        try (HookHost host = new HookHost(
                List.of(LoadedHook.of(replayed), LoadedHook.of(replayedFailing)),
                ChatHooksConfig.of(keys),
                topic -> null)) {
            host.start();
            try (Replayer replayer = new Replayer(ChatHooksConfig.of(keys), host, new ReplayOutput() {
                @Override
                public void invocation(ObjectNode line) {}

                @Override
                public void deadLetter(DeadLetter letter) {
                    replayDeadLetters.add(
                            letter.sourceTopic() + " " + TestRecords.text(letter.key()) + " " + letter.reason());
                }

                @Override
                public void flush() {}
            })) {
                replayer.replay(dump);
            }
        }

        keys.put("bootstrap.servers", SharedKafka.bootstrapServers());
        RecordingHook live = new RecordingHook();
        FailingHook liveFailing = new FailingHook();
        List<ConsumerRecord<byte[], byte[]>> letters;
        try (ChatHooksRuntime runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(
                ChatHooksConfig.of(keys),
                List.of(LoadedHook.of(live), LoadedHook.of(liveFailing)),
                dir.resolve("run"),
                null,
                message -> {},
                null))) {
            LiveRunFixture.load(dump, keys);
            Await.until(
                    "the live hooks made as many calls as the replayed ones",
                    () -> live.calls.size() >= replayed.calls.size()
                            && liveFailing.calls.size() >= replayedFailing.calls.size());
            letters = TestRecords.readAll(
                    SharedKafka.bootstrapServers(),
                    keys.get("topics.dlq"),
                    replayDeadLetters.size(),
                    Duration.ofSeconds(60));
        }

        assertThat(replayed.calls).hasSize(13);
        assertThat(replayedFailing.calls).hasSize(1);
        assertThat(live.calls).containsExactlyElementsOf(replayed.calls);
        assertThat(liveFailing.calls).containsExactlyElementsOf(replayedFailing.calls);
        assertThat(replayDeadLetters)
                .filteredOn(letter -> letter.contains("hook-failed: failing after 2 attempts"))
                .hasSize(4);
        assertThat(letters.stream()
                        .map(letter -> DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC)
                                + " " + new String(letter.key(), StandardCharsets.UTF_8) + " "
                                + DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON))
                        .sorted()
                        .toList())
                .isEqualTo(replayDeadLetters.stream().sorted().toList());
    }
}

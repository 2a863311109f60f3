package dev.chathooks.devtools.replay;

import static dev.chathooks.testsupport.fixtures.ChatEvents.bytes;
import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import dev.chathooks.devtools.dump.DumpFormatException;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetter;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.dispatch.RetryWaits;
import dev.chathooks.processor.hosting.HookHost;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.invocation.InvocationCodec;
import dev.chathooks.processor.plugins.LoadedHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay feeds a dump through the topology and hands every invocation to each hook of its kind. */
class ReplayerTest {
    private final List<ObjectNode> log = new ArrayList<>();
    private final List<String> deadLetters = new ArrayList<>();
    /** Each dead letter's code, hook and attempts, as the output is given them. */
    private final List<String> failures = new ArrayList<>();

    private final ReplayOutput output = new ReplayOutput() {
        @Override
        public void invocation(ObjectNode line) {
            log.add(line);
        }

        @Override
        public void deadLetter(DeadLetter letter) {
            deadLetters.add(letter.sourceTopic() + " " + letter.reason());
            failures.add(letter.code() + " " + letter.hook() + " " + letter.attempts());
        }

        @Override
        public void flush() {}
    };

    /** Records what it was called with. */
    static class RecordingHook implements ChatHook {
        final String name;
        final List<String> calls = new CopyOnWriteArrayList<>();

        RecordingHook(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void afterMessageSent(
                Message message, Conversation conversation, List<User> participants, EventInfo event) {
            calls.add(message.id() + " in " + conversation.id() + " to "
                    + participants.stream()
                            .map(u -> u.username().orElse("?" + u.id()))
                            .toList());
        }
    }

    private static Iterator<DumpRecord> dump() {
        long t = 1_000_000;
        return List.of(
                        new DumpRecord(
                                "chat.users",
                                "u-alice",
                                t++,
                                bytes(json(Map.of("id", "u-alice", "username", "alice"))),
                                Map.of()),
                        new DumpRecord(
                                "chat.conversations",
                                "c-1",
                                t++,
                                bytes(created("c-1", List.of("u-alice", "u-bob"), List.of())),
                                Map.of()),
                        new DumpRecord(
                                "chat.messages", "c-1", t++, bytes(sent("c-1", "m-1", "u-alice", "hi")), Map.of()),
                        new DumpRecord("chat.messages", "c-1", t++, "{broken".getBytes(), Map.of()),
                        new DumpRecord("some.other.topic", "x", t, null, Map.of()))
                .iterator();
    }

    private static ObjectNode json(Map<String, ?> map) {
        return dev.chathooks.processor.json.Json.mapper().valueToTree(map);
    }

    private ReplaySummary replay(List<LoadedHook> hooks) throws IOException {
        ChatHooksConfig config = ChatHooksConfig.of(Map.of("dispatch.retry.max-attempts", "1"));
        try (HookHost host = new HookHost(hooks, config, topic -> null)) {
            host.start();
            try (Replayer replayer = new Replayer(config, host, output)) {
                return replayer.replay(dump());
            }
        }
    }

    @Test
    void everyHookOfAKindIsCalledWithParticipantsResolvedFromTheUsersTable() throws IOException {
        RecordingHook first = new RecordingHook("first");
        RecordingHook second = new RecordingHook("second");

        ReplaySummary summary = replay(List.of(LoadedHook.of(first), LoadedHook.of(second)));

        assertThat(first.calls).containsExactly("m-1 in c-1 to [alice, ?u-bob]");
        assertThat(second.calls).isEqualTo(first.calls);
        ObjectNode sentLine = log.stream()
                .filter(line -> line.path("kind").asText().equals("after_message_sent"))
                .findFirst()
                .orElseThrow();
        assertThat(sentLine.path("hooks").toString()).isEqualTo("[\"first\",\"second\"]");
        assertThat(sentLine.path("participants").get(1).toString()).isEqualTo("{\"id\":\"u-bob\"}");
        assertThat(summary.records()).isEqualTo(5);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.invocations()).isEqualTo(2);
    }

    @Test
    void theLogListsNoHooksWhenNoneIsLoaded() throws IOException {
        replay(List.of());

        assertThat(log)
                .extracting(line -> line.path("kind").asText())
                .containsExactly("after_conversation_created", "after_message_sent");
        assertThat(log).allSatisfy(line -> assertThat(line.path("hooks").size()).isZero());
        JsonNode sentLine = log.get(1);
        assertThat(sentLine.path("message").path("body").asText()).isEqualTo("hi");
        assertThat(sentLine.path("conversation").path("id").asText()).isEqualTo("c-1");
        assertThat(sentLine.has("event_id")).isTrue();
        assertThat(sentLine.path("actor").asText()).isEqualTo("u-alice");
    }

    @Test
    void badRecordsBecomeDeadLettersWithTheirSourceTopic() throws IOException {
        replay(List.of());

        assertThat(deadLetters)
                .singleElement()
                .satisfies(letter -> assertThat(letter).startsWith("chat.messages malformed-json: "));
        assertThat(failures).containsExactly("malformed-json null 0");
    }

    @Test
    void aFailingHookIsDeadLetteredAsHookFailedAndTheOthersStillRun() throws IOException {
        RecordingHook healthy = new RecordingHook("healthy");
        ChatHook failing = new ChatHook() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                throw new IllegalStateException("downstream is down");
            }
        };

        ReplaySummary summary = replay(List.of(LoadedHook.of(failing), LoadedHook.of(healthy)));

        assertThat(healthy.calls).hasSize(1);
        assertThat(summary.hookFailures()).isEqualTo(1);
        assertThat(deadLetters)
                .contains("chat-hooks-invocations hook-failed: failing after 1 attempt: "
                        + "java.lang.IllegalStateException: downstream is down");
    }

    @TempDir
    Path dir;

    private static String dumpLine(String topic, String key, long timestamp, ObjectNode value) {
        ObjectNode line = json(Map.of("topic", topic, "key", key, "timestamp", timestamp));
        line.set("value", value);
        return line.toString();
    }

    @Test
    void aDumpWithAMalformedLineCallsNoHook() throws IOException {
        Path dump = dir.resolve("dump.jsonl");
        Files.write(
                dump,
                List.of(
                        dumpLine("chat.conversations", "c-1", 1_000, created("c-1", List.of("u-alice"), List.of())),
                        dumpLine("chat.messages", "c-1", 1_001, sent("c-1", "m-1", "u-alice", "hi")),
                        "{\"topic\": \"chat.messages\", \"key\": \"c-1\", \"timestamp\": "));
        RecordingHook hook = new RecordingHook("recording");
        ChatHooksConfig config = ChatHooksConfig.of(Map.of());

        try (HookHost host = new HookHost(List.of(LoadedHook.of(hook)), config, topic -> null)) {
            host.start();
            try (Replayer replayer = new Replayer(config, host, output)) {
                assertThatThrownBy(() -> replayer.replay(dump))
                        .isInstanceOf(DumpFormatException.class)
                        .hasMessageContaining("line 3");
            }
        }

        assertThat(hook.calls).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    void anEventSeenAgainWithinTheDedupWindowIsSkippedAsInALiveRun() throws IOException {
        RecordingHook hook = new RecordingHook("recording");
        ObjectNode message = sent("c-1", "m-1", "u-alice", "hi");
        List<DumpRecord> dump = List.of(
                new DumpRecord(
                        "chat.conversations",
                        "c-1",
                        1_000,
                        bytes(created("c-1", List.of("u-alice"), List.of())),
                        Map.of()),
                new DumpRecord("chat.messages", "c-1", 1_001, bytes(message), Map.of()),
                new DumpRecord("chat.messages", "c-1", 1_002, bytes(message), Map.of()));
        ChatHooksConfig config = ChatHooksConfig.of(Map.of("dispatch.dedup-window", "1h"));

        try (HookHost host = new HookHost(List.of(LoadedHook.of(hook)), config, topic -> null)) {
            host.start();
            try (Replayer replayer = new Replayer(config, host, output)) {
                replayer.replay(dump.iterator());
            }
        }

        assertThat(hook.calls).containsExactly("m-1 in c-1 to [?u-alice]");
        assertThat(log)
                .extracting(line -> line.path("hooks").toString())
                .containsExactly("[]", "[\"recording\"]", "[]");
    }

    @Test
    void withRetryWaitsSkippedAFailingHookMakesEveryAttemptWithoutWaitingOutTheBackoff() throws IOException {
        ChatHook failing = new ChatHook() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void afterMessageSent(
                    Message message, Conversation conversation, List<User> participants, EventInfo event) {
                throw new IllegalStateException("downstream is down");
            }
        };
        ChatHooksConfig config = ChatHooksConfig.of(Map.of(
                "dispatch.retry.max-attempts",
                "3",
                "dispatch.retry.initial-backoff",
                "1h",
                "dispatch.retry.max-backoff",
                "2h"));

        try (HookHost host = new HookHost(List.of(LoadedHook.of(failing)), config, topic -> null)) {
            host.start();
            try (Replayer replayer = new Replayer(config, host, output, RetryWaits.SKIPPED)) {
                replayer.replay(dump());
            }
        }

        assertThat(deadLetters)
                .contains("chat-hooks-invocations hook-failed: failing after 3 attempts: "
                        + "java.lang.IllegalStateException: downstream is down");
        assertThat(failures).contains("hook-failed failing 3");
    }

    @Test
    void aReRunOfTheInvocationsTopicReachesOnlyTheHookItNamesAsInALiveRun() throws IOException {
        RecordingHook first = new RecordingHook("first");
        RecordingHook second = new RecordingHook("second");
        ObjectNode message = json(Map.of("id", "m-9", "body", "again"));
        Invocation invocation = new Invocation(
                HookKind.AFTER_MESSAGE_SENT,
                "e-9",
                "chat.message.sent",
                "c-1",
                "u-alice",
                1_000L,
                dev.chathooks.processor.json.Json.object(),
                json(Map.of("id", "c-1")),
                List.of("u-alice"),
                message,
                null,
                List.of(),
                new Invocation.Source("chat.messages", 0, 9),
                null);
        ChatHooksConfig config = ChatHooksConfig.of(Map.of());
        List<DumpRecord> dump = List.of(new DumpRecord(
                config.topics().invocations(),
                "c-1",
                1_000,
                InvocationCodec.encode(invocation),
                Map.of(DeadLetterHeaders.TARGET_HOOK, "second")));

        try (HookHost host =
                new HookHost(List.of(LoadedHook.of(first), LoadedHook.of(second)), config, topic -> null)) {
            host.start();
            try (Replayer replayer = new Replayer(config, host, output)) {
                replayer.replay(dump.iterator());
            }
        }

        assertThat(first.calls).isEmpty();
        assertThat(second.calls).containsExactly("m-9 in c-1 to [?u-alice]");
        assertThat(log).extracting(line -> line.path("hooks").toString()).containsExactly("[\"second\"]");
    }
}

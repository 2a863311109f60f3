package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.processor.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat-hooks replay} as a hook author runs it: the example dump of all nine kinds and every bad record,
 * with the logging hook's plugin folder.
 */
class ReplayCommandTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path DUMP = REPO.resolve("examples/dumps/all-nine-kinds.jsonl");
    static final Path LOGGING_PLUGIN = REPO.resolve("examples/logging-hook/target/plugin");

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ChatHooksCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(Json.fileMapper().readTree(line));
        }
        return lines;
    }

    @Test
    void replaysEveryKindThroughTheLoggingHookAndWritesBothFiles() throws IOException {
        Path output = dir.resolve("out.jsonl");
        Path deadLetters = dir.resolve("dl.jsonl");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            exit = run(
                    "replay",
                    "--input",
                    DUMP.toString(),
                    "--output",
                    output.toString(),
                    "--dead-letters",
                    deadLetters.toString(),
                    "--plugins",
                    LOGGING_PLUGIN.toString());
        } finally {
            System.setOut(stdout);
        }

        assertThat(exit).as(err.toString()).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Message [Who is in for Saturday?] is sent to conversation [Weekend hike].");
        List<JsonNode> invocations = lines(output);
        assertThat(invocations)
                .extracting(line -> line.path("kind").asText())
                .containsAll(
                        Arrays.stream(HookKind.values()).map(HookKind::seedName).toList());
        assertThat(invocations).allSatisfy(line -> {
            assertThat(line.path("hooks").toString()).isEqualTo("[\"logging\"]");
            assertThat(line.has("event_id") && line.has("time") && line.has("conversation"))
                    .isTrue();
        });
        JsonNode added = invocations.stream()
                .filter(line -> line.path("kind").asText().equals("after_users_added_to_conversation"))
                .findFirst()
                .orElseThrow();
        assertThat(added.path("new_users").toString()).contains("u-dave").doesNotContain("u-bob");
        assertThat(lines(deadLetters))
                .extracting(line -> line.path("reason").asText().split(":")[0])
                .containsExactly(
                        "malformed-json",
                        "unknown-type",
                        "missing-field",
                        "key-mismatch",
                        "unknown-conversation",
                        "too-large");
        assertThat(err.toString()).contains("Replayed 30 records");
    }

    @Test
    void generateAndReplayWorkInTheOneTopicLayout() throws IOException {
        Path dump = dir.resolve("one-topic.jsonl");
        Path output = dir.resolve("out.jsonl");
        Path deadLetters = dir.resolve("dl.jsonl");
        String[] oneTopic = {
            "--set",
            "topics.conversations=chat.events",
            "--set",
            "topics.messages=chat.events",
            "--set",
            "topics.typing=chat.events"
        };
        List<String> generate = new ArrayList<>(List.of("generate", "--output", dump.toString(), "--records", "500"));
        generate.addAll(List.of(oneTopic));
        assertThat(run(generate.toArray(String[]::new))).as(err.toString()).isZero();
        List<String> replay = new ArrayList<>(List.of(
                "replay",
                "--input",
                dump.toString(),
                "--output",
                output.toString(),
                "--dead-letters",
                deadLetters.toString(),
                "--plugins",
                LOGGING_PLUGIN.toString()));
        replay.addAll(List.of(oneTopic));

        int exit = run(replay.toArray(String[]::new));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(lines(dump))
                .extracting(line -> line.path("topic").asText())
                .contains("chat.events")
                .doesNotContain("chat.conversations", "chat.messages", "chat.typing");
        assertThat(lines(output))
                .extracting(line -> line.path("kind").asText())
                .contains("after_conversation_created", "after_message_sent");
        assertThat(lines(deadLetters)).isEmpty();
    }

    @Test
    void aMissingInputIsAUserErrorNamingTheFlag() {
        int exit = run("replay", "--input", dir.resolve("nope.jsonl").toString());

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("--input").contains("is not a readable file");
    }

    @Test
    void anUnknownConfigurationKeyIsAUserErrorListingTheValidOnes() {
        int exit = run("replay", "--input", DUMP.toString(), "--set", "topics.mesages=x");

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("topics.mesages").contains("topics.messages");
    }

    @Test
    void aBadDumpLineIsAUserErrorNamingTheLine() throws IOException {
        Path dump = dir.resolve("bad.jsonl");
        Files.writeString(
                dump, "{\"topic\":\"chat.messages\",\"key\":\"c-1\",\"timestamp\":\"yesterday\",\"value\":null}\n");

        int exit = run("replay", "--input", dump.toString());

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("line 1").contains("timestamp");
    }

    @Test
    void aBrokenPluginPathIsAUserError() {
        int exit = run(
                "replay",
                "--input",
                DUMP.toString(),
                "--plugins",
                dir.resolve("missing").toString());

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("missing");
    }

    @Test
    void aDumpWithAMalformedLineAtTheEndCallsNoHook() throws IOException {
        Path dump = dir.resolve("truncated.jsonl");
        Files.writeString(dump, Files.readString(DUMP) + "{\"topic\":\"chat.messages\",\"key\":\"c-1\",\"timest\n");
        Path output = dir.resolve("out.jsonl");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            exit = run(
                    "replay",
                    "--input",
                    dump.toString(),
                    "--output",
                    output.toString(),
                    "--plugins",
                    LOGGING_PLUGIN.toString());
        } finally {
            System.setOut(stdout);
        }

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("line 31");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .as("the logging hook printed nothing")
                .doesNotContain("Conversation [Weekend hike]")
                .doesNotContain("Message [");
        assertThat(Files.exists(output) ? Files.readAllLines(output) : List.of())
                .isEmpty();
    }

    @Test
    void aMisspelledTopicIsAUserErrorNamingTheTopicsUnlessSkipped() throws IOException {
        Path dump = dir.resolve("misspelled.jsonl");
        Files.writeString(
                dump, Files.readString(DUMP).replace("\"topic\":\"chat.messages\"", "\"topic\":\"chat.mesages\""));
        Path output = dir.resolve("out.jsonl");

        assertThat(run("replay", "--input", dump.toString(), "--output", output.toString()))
                .isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString())
                .contains("chat-hooks replay: the dump has records of [chat.mesages], which")
                .contains("chat.messages")
                .contains("--skip-unknown-topics");
        assertThat(output.toFile().length()).as("invocations written").isZero();

        err.getBuffer().setLength(0);
        assertThat(run("replay", "--input", dump.toString(), "--skip-unknown-topics"))
                .as(err.toString())
                .isZero();
        assertThat(err.toString()).contains("Replayed 30 records");
    }
}

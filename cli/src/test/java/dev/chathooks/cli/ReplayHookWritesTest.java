package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.api.ChatHook;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --hook-writes FILE} keeps what hooks write through their TopicWriter, as topic dump lines. */
class ReplayHookWritesTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ChatHooksCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    /** A plugin JAR holding {@link WelcomeWriterHook} alone, registered as a {@link ChatHook}. */
    private Path welcomePlugin() throws IOException {
        Path jar = dir.resolve("welcome-writer.jar");
        String classFile = WelcomeWriterHook.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                InputStream bytes = WelcomeWriterHook.class.getClassLoader().getResourceAsStream(classFile)) {
            out.putNextEntry(new JarEntry(classFile));
            bytes.transferTo(out);
            out.putNextEntry(new JarEntry("META-INF/services/" + ChatHook.class.getName()));
            out.write((WelcomeWriterHook.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    @Test
    void theRecordsAHookWritesAreKeptAsDumpLines() throws IOException {
        Path writes = dir.resolve("written/hook-writes.jsonl");
        Instant before = Instant.now();

        int exit = run(
                "replay",
                "--input",
                ReplayCommandTest.DUMP.toString(),
                "--plugins",
                welcomePlugin().toString(),
                "--hook-writes",
                writes.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(writes)) {
            lines.add(Json.fileMapper().readTree(line));
        }
        // The example dump adds dave to c-1 (bob, added again while a member, is no new user).
        assertThat(lines).hasSize(1);
        JsonNode welcome = lines.get(0);
        assertThat(welcome.path("topic").asText()).isEqualTo("chat.welcome");
        assertThat(welcome.path("key").asText()).isEqualTo("u-dave");
        // Compared as JSON: the hook's Map.of has no order of its own.
        assertThat(welcome.path("value"))
                .isEqualTo(Json.fileMapper().readTree("{\"conversation_id\":\"c-1\",\"user_id\":\"u-dave\"}"));
        assertThat(Instant.parse(welcome.path("timestamp").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(err.toString()).contains("Hooks wrote 1 record(s) to topics: " + writes);
    }

    @Test
    void withoutTheFileTheReplaySaysWhichOptionKeepsThem() throws IOException {
        int exit = run(
                "replay",
                "--input",
                ReplayCommandTest.DUMP.toString(),
                "--plugins",
                welcomePlugin().toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString())
                .contains("A hook wrote to topic chat.welcome; a replay has no broker, so such "
                        + "records are not kept: --hook-writes FILE keeps them.");
    }
}

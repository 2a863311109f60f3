package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.processor.json.Json;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's first command: the demo shows every hook kind, through both example hooks. */
@KafkaIntegrationTest
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDemoMakesCallsOfAllNineKindsThroughTheExampleHooks() throws IOException {
        Path output = dir.resolve("invocations.jsonl");
        Path notifications = dir.resolve("notifications.jsonl");
        StringWriter err = new StringWriter();

        int exit = ChatHooksCommand.execute(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "demo",
                "--duration",
                "12s",
                "--rate",
                "20",
                "--output",
                output.toString(),
                "--plugins",
                ReplayCommandTest.LOGGING_PLUGIN.toString(),
                "--set",
                "hook.push.dry-run-file=" + notifications,
                // Not the default port, which the README's commands use in ReadmeCommandsTest, maybe at this moment.
                "--set",
                "management.port=0");

        assertThat(exit).as(err.toString()).isZero();
        Set<String> kinds = new HashSet<>();
        Set<String> hooks = new HashSet<>();
        for (String line : Files.readAllLines(output)) {
            JsonNode call = Json.mapper().readTree(line);
            kinds.add(call.path("kind").asText());
            hooks.add(call.path("hook").asText());
        }
        assertThat(kinds)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(HookKind.values()).map(HookKind::seedName).toList());
        // The example push hook runs next to the logging hook given with --plugins (itself an example hook too).
        assertThat(hooks).containsExactlyInAnyOrder("logging", "push");
        assertThat(Files.readAllLines(notifications))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("\"platform\":"));
        assertThat(err.toString())
                .contains("Demo over. Calls that succeeded, by kind, over all hooks: {")
                .contains("Calls by hook, every outcome:")
                .contains("  logging: calls=");
    }
}

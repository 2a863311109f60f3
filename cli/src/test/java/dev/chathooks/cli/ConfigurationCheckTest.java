package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration mistakes stop {@code run} and {@code replay} at once, with one line naming the key: keys for a hook
 * that does not run, instances of a hook that is not loaded, and keys a hook does not read.
 */
class ConfigurationCheckTest {
    static final Path DUMP = ReplayCommandTest.DUMP;
    static final Path LOGGING_PLUGIN = ReplayCommandTest.LOGGING_PLUGIN;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        PrintStream stdout = System.out;
        // The logging hook prints every call: kept out of the build's output.
        System.setOut(new PrintStream(PrintStream.nullOutputStream()));
        try {
            return ChatHooksCommand.execute(
                    new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        } finally {
            System.setOut(stdout);
        }
    }

    private int replay(String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "replay",
                "--input",
                DUMP.toString(),
                "--plugins",
                LOGGING_PLUGIN.toString(),
                "--output",
                dir.resolve("out.jsonl").toString()));
        for (String setting : settings) {
            args.addAll(List.of("--set", setting));
        }
        return run(args.toArray(String[]::new));
    }

    @Test
    void aDispatchKeyForAHookThatIsNotLoadedStopsReplayNamingTheKey() {
        assertThat(replay("dispatch.hook.loging.timeout=1s")).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString())
                .contains("dispatch.hook.loging.timeout is for hook 'loging'")
                .contains("the hooks that run are logging");
        assertThat(dir.resolve("out.jsonl")).as("nothing was replayed").doesNotExist();
    }

    @Test
    void aHookKeyForAHookThatIsNotLoadedStopsReplayNamingTheKey() {
        assertThat(replay("hook.loging.x=1")).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("hook.loging.x is for hook 'loging'");
    }

    @Test
    void keysForAHookThatIsNotLoadedStopRunBeforeTheBrokerStarts() {
        for (String setting : List.of("dispatch.hook.typo.timeout=1s", "hook.typo.x=1")) {
            Path dataDir = dir.resolve("data-" + setting.charAt(0));
            int exit = run(
                    "run",
                    "--embedded-port",
                    "0",
                    "--data-dir",
                    dataDir.toString(),
                    "--plugins",
                    LOGGING_PLUGIN.toString(),
                    "--set",
                    setting,
                    // Not the default port, which the README's commands use in ReadmeCommandsTest, maybe at once.
                    "--set",
                    "management.port=0");

            assertThat(exit).as(err.toString()).isEqualTo(ChatHooksCommand.USER_ERROR);
            assertThat(err.toString()).contains(setting.substring(0, setting.indexOf('=')) + " is for hook 'typo'");
            assertThat(dataDir.resolve("kafka")).as("no broker was started").doesNotExist();
        }
    }

    @Test
    void aKeyTheHookDoesNotReadStopsReplayNamingWhatTheHookReads() {
        assertThat(replay("hook.logging.verbose=true")).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString())
                .contains("Hook 'logging'")
                .contains("did not read hook.logging.verbose")
                .contains("it reads no configuration key");
    }

    @Test
    void anInstanceOfAHookThatIsNotLoadedNamesTheHooksFound() {
        assertThat(replay("instances.second=loging")).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("instances.second=loging").contains("the hooks found are logging");
    }

    @Test
    void anInstanceIsReachedByEveryInvocationAsTheHookIs() throws IOException {
        assertThat(replay("instances.second-logging=logging"))
                .as(err.toString())
                .isZero();

        List<String> lines = Files.readAllLines(dir.resolve("out.jsonl"));
        assertThat(lines).hasSize(13);
        for (String line : lines) {
            JsonNode hooks = Json.fileMapper().readTree(line).path("hooks");
            assertThat(hooks.toString()).isEqualTo("[\"logging\",\"second-logging\"]");
        }
    }
}

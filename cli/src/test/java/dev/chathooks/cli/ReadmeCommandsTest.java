package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.TestJvm;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shell blocks of the project's README.md as written, read from the README itself, so that a command that
 * no longer works, or a README edit that breaks one, fails here. Skipped: blocks that need Docker or a Kafka
 * cluster of your own, and the build commands (this test runs after the build). Each block runs in bash in a fresh
 * folder that sees the repository's {@code examples} and a {@code cli/target/chat-hooks.jar}: a JAR whose manifest
 * puts the CLI's classes and its libraries on the class path (the test phase runs before the real JAR is packed).
 * A line that ends in {@code &} is started in the background, as in a terminal of its own, and the next line waits
 * until it says it is ready (as a person would); it is stopped when the block ends. The commands use the ports the
 * README names (9092 and 8000). The one change to a command: a {@code demo} runs 8 s instead of its default minute.
 * Whether the command works as written shows in its first seconds, and {@link DemoCommandTest} checks what a demo
 * calls; each demo's minute was two more of the suite's, on cores its other tests keep busy.
 */
class ReadmeCommandsTest {
    static final Path REPO = ReplayCommandTest.REPO;
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final String READY = "Chat Hooks is running|chat_hooks: serving";

    @TempDir
    static Path work;

    @BeforeAll
    static void cloneLikeFolder() throws IOException {
        Files.createSymbolicLink(work.resolve("examples"), REPO.resolve("examples"));
        Path jar = Files.createDirectories(work.resolve("cli/target")).resolve("chat-hooks.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ChatHooksCommand.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", cliClassPath()));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
    }

    /** The CLI's classes and its libraries as URLs: the test class path without test classes and test JARs. */
    private static List<String> cliClassPath() {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("test-classes") || entry.endsWith("-tests.jar")) {
                continue;
            }
            urls.add(Path.of(entry).toUri().toString());
        }
        return urls;
    }

    /** The README's shell blocks, continuation lines joined. */
    static List<String> shellBlocks() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher matcher = SH_BLOCK.matcher(readme);
        while (matcher.find()) {
            blocks.add(matcher.group(1).replaceAll("\\\\\\n\\s*", ""));
        }
        return blocks;
    }

    /** Why a block is not run here, or null to run it. */
    static String skipReason(String block) {
        if (block.contains("docker ")) {
            return "needs Docker";
        }
        if (block.contains("kafka1:9092")) {
            return "needs a Kafka cluster of your own";
        }
        if (block.contains("faketime ")) {
            return "the whole suite with the clock a year ahead, which this test is part of";
        }
        if (block.strip().startsWith("mvn ") && !block.contains("&&")) {
            return "the build and test command: the suite this test is part of";
        }
        return null;
    }

    @Test
    void everyShellBlockThatNeedsNoDockerOrClusterWorksAsWritten() throws Exception {
        List<String> run = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String block : shellBlocks()) {
            String reason = skipReason(block);
            if (reason != null) {
                skipped.add(reason);
                continue;
            }
            run.add(block);
            Result result = runBlock(block, run.size());
            assertThat(result.exitCode())
                    .as("README block:%n%s%nprinted:%n%s", block, result.output())
                    .isZero();
            assertThat(result.output())
                    .as("README block:%n%s", block)
                    .doesNotContain("Traceback")
                    .doesNotContain("Exception in thread");
        }
        // The quick start, the replay, the Python webhook, and run with load and dump.
        assertThat(run).hasSizeGreaterThanOrEqualTo(4);
        assertThat(skipped).contains("needs Docker", "needs a Kafka cluster of your own");
        assertThat(work.resolve("out.jsonl")).isNotEmptyFile();
        assertThat(work.resolve("recorded.jsonl")).isNotEmptyFile();
    }

    private record Result(int exitCode, String output) {}

    private static Result runBlock(String block, int number) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("""
                set -eo pipefail
                background=()
                stop() { for p in "${background[@]}"; do kill -TERM -- -"$p" 2>/dev/null || true; done; wait; }
                trap stop EXIT
                ready() {
                  for i in $(seq 1 180); do grep -qE '%s' "$1" && return 0; sleep 1; done
                  echo "not ready after 3 minutes: $1" >&2; cat "$1" >&2; return 1
                }
                """.formatted(READY));
        int backgrounded = 0;
        for (String line : block.split("\n")) {
            String command = line.replaceAll("\\s+#.*$", "").strip();
            if (command.startsWith("mvn ") && command.contains("&&")) {
                command = command.substring(command.indexOf("&&") + 2).strip(); // built already
            }
            if (command.matches(".*chat-hooks\\.jar demo\\b.*") && !command.contains("--duration")) {
                // The demo's minute proves no more than its first seconds.
                command = command.replaceFirst("(\\s*&)?$", " --duration 8s$1");
            }
            if (command.endsWith("&")) {
                String log = "block-" + number + "-background-" + (++backgrounded) + ".log";
                String inner =
                        command.substring(0, command.length() - 1).strip().replace("'", "'\\''");
                script.append("setsid bash -c '")
                        .append(inner)
                        .append("' > ")
                        .append(log)
                        .append(" 2>&1 &\n")
                        .append("background+=($!)\n")
                        .append("ready ")
                        .append(log)
                        .append('\n');
            } else {
                script.append(command).append('\n');
            }
        }
        script.append("stop\ntrap - EXIT\ncat block-")
                .append(number)
                .append("-background-*.log 2>/dev/null " + "|| true\n");
        Path file = work.resolve("block-" + number + ".sh");
        Files.writeString(file, script.toString());
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString())
                .directory(work.toFile())
                .redirectErrorStream(true);
        // The commands' JVMs as the tests' own (TestJvm), through the java launcher's own variable, so that the
        // commands stay as written.
        TestJvm.addTo(builder.environment(), "JDK_JAVA_OPTIONS");
        Process bash = builder.start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!bash.waitFor(5, TimeUnit.MINUTES)) {
            bash.destroyForcibly();
        }
        return new Result(bash.exitValue(), output);
    }

    @Test
    void theReadmesPythonExampleIsTheExampleFileThatItsCommandRuns() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"));
        Matcher python = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(python.find()).isTrue();
        String example;
        try (Stream<String> lines = Files.lines(REPO.resolve("examples/webhook/python/example_hooks.py"))) {
            example = String.join(
                            "\n", lines.dropWhile(line -> line.startsWith("#")).toList()) + "\n";
        }
        assertThat(python.group(1)).isEqualTo(example);
        assertThat(readme).contains("python3 examples/webhook/python/example_hooks.py &");
    }
}

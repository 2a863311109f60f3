package dev.chathooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.TestJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bench run stopped by SIGTERM (what Ctrl-C and {@code kill} send) removes its work directory: a full run's
 * broker logs there take gigabytes, and a run is often stopped half way.
 */
@KafkaIntegrationTest
class BenchStoppedTest {
    @TempDir
    Path tmp;

    @Test
    void aRunStoppedWhileItMeasuresLeavesNoWorkDirectory() throws Exception {
        List<String> command = TestJvm.command();
        command.addAll(List.of(
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                BenchCommand.class.getName(),
                "--tiny",
                "--only",
                "pipeline"));
        Process bench = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            awaitLine(bench, "Sending a backlog");
            assertThat(workDirectories())
                    .as("the run's work directory while it runs")
                    .hasSize(1);

            bench.destroy(); // SIGTERM
            assertThat(bench.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();

            assertThat(bench.exitValue())
                    .as("ended by the signal, not by finishing")
                    .isEqualTo(128 + 15);
            assertThat(workDirectories()).as("work directories left in " + tmp).isEmpty();
        } finally {
            bench.destroyForcibly();
        }
    }

    private List<Path> workDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("chat-hooks-bench"))
                    .toList();
        }
    }

    /** Reads the run's output until a line contains {@code text}; the output is drained on after that. */
    private static void awaitLine(Process process, String text) throws IOException {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(text)) {
                Thread drain = new Thread(() -> drain(lines), "bench-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("the bench ended before \"" + text + "\":\n" + seen);
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // a full pipe would stall the run
            }
        } catch (IOException closed) {
            // the process is gone
        }
    }
}

package dev.chathooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.cli.ChatHooksCommand;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bench application at tiny sizes, to keep it working: every measurement but start-up runs (its own embedded
 * broker, the pipeline, the push plugin's fan-out on mock servers, the webhook) and writes its figures; start-up, a
 * fresh process of its own, is {@link BenchStartupCommandTest}'s, a class of its own so that the two run side by side
 * (the bench's module is the last of the build, waited for). Together they write every figure the issue names. The
 * figures themselves are not judged: a test is no place for timing.
 */
@KafkaIntegrationTest
class BenchCommandTest {
    @TempDir
    Path dir;

    /** The figures of the start-up measurement, which {@link BenchStartupCommandTest} runs. */
    static final List<String> STARTUP_KEYS = List.of("startup_ms", "startup_cds_ms");

    /** What a run of the bench command returned and printed. */
    record Run(int exit, String out, String err) {}

    /** Runs the bench command with {@code arguments} in this JVM. */
    static Run run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ChatHooksCommand.execute(
                new BenchCommand(), new PrintWriter(out, true), new PrintWriter(err, true), arguments);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aTinyRunPrintsAndWritesEveryFigureButStartUps() throws Exception {
        Path json = dir.resolve("figures.json");

        Run run = run(
                "--tiny",
                "--chat-linger-ms",
                "1",
                "--latency-rate",
                "150",
                "--only",
                "pipeline,push,webhook",
                "--json",
                json.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .as("the title and the latency note name the chat server's linger")
                .contains("chat server linger.ms 1")
                .contains("chat server's send, linger.ms 1)");
        assertThat(run.out()).as("the title names the latency phase's rate").contains("latency at 150 events/s");
        assertThat(run.err())
                .as(
                        "the latency phase starts after the run's files, the embedded broker's logs among them, are on disk")
                .containsPattern("4/7 Latency at 150 events/s .*the run's [1-9][0-9,]* files written to disk first");
        List<String> expected = new ArrayList<>(BenchReport.KEYS);
        expected.removeAll(STARTUP_KEYS);
        assertFigures(run.out(), json, expected);
        assertNoPassLeftItsMetricsBinders();
    }

    /**
     * Every pass's Kafka metrics binders stopped with the pass: each has a thread of Micrometer's while it is open,
     * and an open one kept the closed pass's whole pipeline reachable beside the next. The threads end a moment after
     * their executors are shut down.
     */
    private static void assertNoPassLeftItsMetricsBinders() {
        Await.until(
                "no thread of a metrics binder is running after the bench",
                Duration.ofSeconds(10),
                () -> binderThreads().isEmpty(),
                () -> "still running: " + binderThreads());
    }

    private static List<String> binderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("micrometer-kafka-metrics"))
                .toList();
    }

    /**
     * Asserts that the run wrote exactly {@code expected} to {@code json}, in the report's order, each a number
     * (positive, or not negative for the JIT's time), and printed each in its table ({@code out}).
     */
    static void assertFigures(String out, Path json, List<String> expected) throws java.io.IOException {
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        List<String> keys = new ArrayList<>();
        figures.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(expected);
        for (String key : expected) {
            assertThat(figures.get(key).isNumber()).as(key + " is a number").isTrue();
            if (key.endsWith("_jit_ms_per_s")) {
                // the JIT may have nothing left to compile in a warm round: none is a figure too
                assertThat(figures.get(key).doubleValue()).as(key).isNotNegative();
            } else {
                assertThat(figures.get(key).doubleValue()).as(key).isPositive();
            }
            assertThat(out).as("the table").contains(key);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--chat-linger-ms | -1 | --chat-linger-ms must be 0 or more, not -1",
                "--latency-rate   | 0  | --latency-rate must be 1 or more events a second, not 0"
            })
    void aValueOutOfRangeIsRefusedBeforeAnythingRuns(String option, String value, String message) {
        Run run = run("--tiny", option, value);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }
}

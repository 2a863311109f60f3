package dev.chathooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's start-up measurement at tiny sizes, to keep it working: fresh processes, each with an embedded broker
 * of its own, timed without and with a class-data-sharing archive that a training process makes first. Its own
 * class, beside {@link BenchCommandTest}, so that its three processes run while that test runs the rest.
 */
@KafkaIntegrationTest
class BenchStartupCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTinyStartUpRunWritesBothStartUpFigures() throws Exception {
        Path json = dir.resolve("figures.json");

        BenchCommandTest.Run run = BenchCommandTest.run("--tiny", "--only", "startup", "--json", json.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err())
                .as("a run of start-up alone starts no broker of the bench's own")
                .doesNotContain("Starting the embedded broker");
        BenchCommandTest.assertFigures(run.out(), json, BenchCommandTest.STARTUP_KEYS);
    }
}

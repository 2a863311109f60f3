package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} whose management port is taken stops before it starts anything, and says what to change. */
class RunManagementPortTest {
    @TempDir
    Path dir;

    @Test
    void aTakenManagementPortStopsRunBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            Path data = dir.resolve("data");

            int exit = ChatHooksCommand.execute(
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true),
                    "run",
                    "--embedded-port",
                    "0",
                    "--data-dir",
                    data.toString(),
                    "--set",
                    "management.host=127.0.0.1",
                    "--set",
                    "management.port=" + taken.getLocalPort());

            assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
            assertThat(err.toString())
                    .contains("127.0.0.1:" + taken.getLocalPort())
                    .contains("different management.port values")
                    .contains("--data-dir");
            assertThat(data)
                    .as("no broker was started")
                    .satisfies(path ->
                            assertThat(Files.exists(path.resolve("kafka"))).isFalse());
        }
    }

    @Test
    void anInvalidManagementKeyIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();

        int exit = ChatHooksCommand.execute(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "run",
                "--data-dir",
                dir.resolve("data").toString(),
                "--set",
                "management.port=http");

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("management.port is 'http'; it must be a whole number");
    }
}

package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that talks to a cluster and finds nothing at its address says so, naming the address and the flag. */
class BrokerUnreachableTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private String closedAddress;

    @BeforeEach
    void findAClosedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedAddress = "localhost:" + socket.getLocalPort();
        }
    }

    private int run(String... args) {
        return ChatHooksCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void loadNamesTheAddressAndTheFlag() {
        int exit = run("load", "--input", ReplayCommandTest.DUMP.toString(), "--bootstrap-servers", closedAddress);

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString())
                .contains("no Kafka broker answers at " + closedAddress)
                .contains("--bootstrap-servers");
    }

    @Test
    void dumpNamesTheAddressConfiguredAndTheFlag() {
        int exit = run(
                "dump",
                "--output",
                dir.resolve("dump.jsonl").toString(),
                "--set",
                "bootstrap.servers=" + closedAddress);

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString())
                .contains("no Kafka broker answers at " + closedAddress)
                .contains("--bootstrap-servers");
    }

    @Test
    void dlqListNamesTheAddressAndTheFlag() {
        int exit = run("dlq", "list", "--bootstrap-servers", closedAddress);

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("no Kafka broker answers at " + closedAddress);
    }
}

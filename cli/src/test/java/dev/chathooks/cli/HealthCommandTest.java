package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.management.HealthProbe;
import dev.chathooks.processor.management.HealthStatus;
import dev.chathooks.processor.management.ManagementServer;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code chat-hooks health} against a real management endpoint: the exit code a container health check reads. */
class HealthCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int health(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "health";
        System.arraycopy(args, 0, command, 1, args.length);
        return ChatHooksCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), command);
    }

    @Test
    void exitsZeroWhenReadyAndOneWithTheReasonWhenNot() {
        try (ChatHooksMetrics metrics = ChatHooksMetrics.bare();
                ManagementServer server = ManagementServer.start("127.0.0.1", 0, metrics)) {
            String ready = "http://127.0.0.1:" + server.port() + "/health/ready";

            assertThat(health("--url", ready)).isEqualTo(1);
            assertThat(out.toString()).startsWith("503").contains("starting");
            assertThat(health("--url", ready, "--live")).isEqualTo(0);

            server.health(new HealthProbe() {
                @Override
                public HealthStatus live() {
                    return HealthStatus.down("the topology's Kafka Streams is ERROR");
                }

                @Override
                public HealthStatus ready() {
                    return HealthStatus.up();
                }
            });
            assertThat(health("--url", ready)).isEqualTo(0);
            assertThat(health("--url", ready, "--live")).isEqualTo(1);
            assertThat(out.toString()).contains("Kafka Streams is ERROR");
        }
    }

    @Test
    void exitsOneWhenNothingAnswers() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(health("--url", "http://127.0.0.1:" + port + "/health/ready"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("nothing answers").contains("management.port");
    }

    @Test
    void aUrlThatIsNotHttpIsAUserError() {
        assertThat(health("--url", "ftp://x/health")).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("--url").contains(HealthCommand.DEFAULT_URL);
    }
}

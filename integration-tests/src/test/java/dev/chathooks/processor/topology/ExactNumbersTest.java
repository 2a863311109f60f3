package dev.chathooks.processor.topology;

import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.Message;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.invocation.InvocationLog;
import dev.chathooks.processor.json.Json;
import dev.chathooks.testsupport.fixtures.TopologyFixture;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers reach hooks and the invocation log as the chat server wrote them, even beyond a double's range. */
class ExactNumbersTest {
    @TempDir
    Path stateDir;

    private static final String SENT = "{\"specversion\":\"1.0\",\"id\":\"e-n\",\"source\":\"/s\","
            + "\"type\":\"chat.message.sent\",\"subject\":\"c-1\",\"actor\":\"u-alice\",\"data\":{\"message\":"
            + "{\"id\":\"m-1\",\"conversation_id\":\"c-1\",\"sender_id\":\"u-alice\",\"body\":\"hi\","
            + "\"revision\":1e400,\"score\":0.1,\"long_fraction\":0.10000000000000000000001,\"price\":2.50}}}";

    private Invocation sentThroughTheTopology() {
        try (TopologyFixture topology = new TopologyFixture(stateDir)) {
            topology.send(created("c-1", List.of("u-alice"), List.of()), 1_000);
            topology.invocations();
            topology.sendRaw(topology.config.topics().messages(), "c-1", SENT.getBytes(StandardCharsets.UTF_8), 2_000);
            List<Invocation> invocations = topology.invocations();
            assertThat(invocations).hasSize(1);
            return invocations.get(0);
        }
    }

    @Test
    void aNumberBeyondADoublesRangeReachesHooksExactly() {
        Message message = Message.of(Json.toMap(sentThroughTheTopology().message()));

        assertThat(message.get("revision")).isEqualTo(new BigDecimal("1e400"));
        assertThat(message.get("long_fraction")).isEqualTo(new BigDecimal("0.10000000000000000000001"));
        assertThat(message.get("score"))
                .as("a double that is exactly what was written stays a double")
                .isEqualTo(0.1);
        assertThat(message.getLong("revision")).isEmpty();
    }

    @Test
    void theInvocationLogWritesNumbersAsTheChatServerDid() throws Exception {
        String line = Json.mapper()
                .writeValueAsString(
                        InvocationLog.replayLine(sentThroughTheTopology(), List.of(), List.of(), List.of()));

        assertThat(line).doesNotContain("Infinity");
        assertThat(Json.mapper().readTree(line).path("message").path("revision").decimalValue())
                .isEqualByComparingTo(new BigDecimal("1e400"));
        assertThat(line)
                .contains("\"long_fraction\":0.10000000000000000000001")
                .contains("\"price\":2.50")
                .contains("\"score\":0.1");
    }
}

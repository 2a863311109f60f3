package dev.chathooks.processor.topology;

import static dev.chathooks.testsupport.fixtures.ChatEvents.added;
import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.sent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.testsupport.fixtures.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** join.grace: a message waits, so that a conversation event stamped before it but read after it counts. */
class JoinGraceTest {
    @TempDir
    Path stateDir;

    private TopologyFixture topology;

    @AfterEach
    void stop() {
        topology.close();
    }

    private void lateJoinScenario() {
        topology.send(created("c-1", List.of("u-alice"), List.of()), 1_000);
        topology.invocations();
        topology.send(sent("c-1", "m-1", "u-alice", "welcome!"), 5_000); // read first...
        topology.send(added("c-1", "u-bob"), 4_000); // ...though bob joined before it
    }

    @Test
    void withoutGraceTheMessageIsJoinedAsSoonAsItIsRead() {
        topology = new TopologyFixture(stateDir);
        lateJoinScenario();

        Invocation message = topology.invocations().stream()
                .filter(invocation -> invocation.message() != null)
                .findFirst()
                .orElseThrow();
        assertThat(message.participantIds()).containsExactly("u-alice");
    }

    @Test
    void withGraceALateConversationEventStampedBeforeTheMessageCounts() {
        topology = new TopologyFixture(stateDir, Map.of("join.grace", "2s"));
        lateJoinScenario();
        assertThat(topology.invocations())
                .as("only the join; the message waits")
                .extracting(Invocation::message)
                .containsOnlyNulls();

        topology.send(created("c-2", List.of("u-carol"), List.of()), 7_100); // stream time passes 5 s + grace

        Invocation message = topology.invocations().stream()
                .filter(invocation -> invocation.message() != null)
                .findFirst()
                .orElseThrow();
        assertThat(message.participantIds()).containsExactly("u-alice", "u-bob");
    }

    @Test
    void heldMessagesLeaveInTimestampOrderAndAQuietTopicReleasesThemByWallClock() {
        topology = new TopologyFixture(stateDir, Map.of("join.grace", "2s"));
        topology.send(created("c-1", List.of("u-alice"), List.of()), 1_000);
        topology.invocations();
        topology.send(sent("c-1", "m-2", "u-alice", "second"), 3_000);
        topology.send(sent("c-1", "m-1", "u-alice", "first"), 2_000);

        topology.driver.advanceWallClockTime(Duration.ofSeconds(3));

        assertThat(topology.invocations())
                .extracting(invocation -> invocation.message().path("id").asText())
                .containsExactly("m-1", "m-2");
    }

    @Test
    void aHeldMessageOfAnUnknownConversationIsDeadLetteredWhenReleased() {
        topology = new TopologyFixture(stateDir, Map.of("join.grace", "1s"));
        topology.send(sent("c-9", "m-1", "u-alice", "hello?"), 1_000);
        assertThat(topology.deadLetters()).isEmpty();

        topology.driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(topology.deadLetters())
                .as("out of the grace, it waits for the creation")
                .isEmpty();
        topology.driver.advanceWallClockTime(Duration.ofSeconds(15));

        assertThat(topology.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(TopologyFixture.reason(letter)).startsWith("unknown-conversation");
            assertThat(TopologyFixture.header(letter, "chat-hooks.source-topic"))
                    .isEqualTo("chat.messages");
        });
    }
}

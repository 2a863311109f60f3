package dev.chathooks.processor.topology;

import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.typing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.testsupport.fixtures.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With typing.coalesce-window set, a conversation's typing events in a window make one typing_started call. */
class TypingCoalescingTest {
    @TempDir
    Path stateDir;

    private TopologyFixture topology;

    @BeforeEach
    void start() {
        topology = new TopologyFixture(stateDir, Map.of("typing.coalesce-window", "2s"));
        topology.send(created("c-1", List.of("u-alice", "u-bob"), List.of()), 1_000);
        topology.send(created("c-2", List.of("u-carol"), List.of()), 1_000);
        topology.invocations();
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void typingEventsInOneWindowMakeOneCallWithAllOfThem() {
        ObjectNode first = typing("c-1", "u-alice", "begin");
        topology.send(first, 10_000);
        topology.send(typing("c-1", "u-bob", "begin"), 10_500);
        topology.send(typing("c-1", "u-alice", "pause"), 11_000);
        assertThat(topology.invocations()).as("held until the window passes").isEmpty();

        topology.send(typing("c-2", "u-carol", "pause"), 12_100); // stream time passes the window

        Invocation invocation = topology.invocations().get(0);
        assertThat(invocation.kind()).isEqualTo(HookKind.TYPING_STARTED);
        assertThat(invocation.eventId())
                .as("the first begin's id")
                .isEqualTo(first.path("id").asText());
        List<String> events = new ArrayList<>();
        for (JsonNode event : invocation.events()) {
            events.add(
                    event.path("user_id").asText() + ":" + event.path("event").asText());
        }
        assertThat(events).containsExactly("u-alice:begin", "u-bob:begin", "u-alice:pause");
    }

    @Test
    void typingWithoutABeginStartsNoBatch() {
        topology.send(typing("c-1", "u-alice", "pause"), 10_000);
        topology.send(typing("c-1", "u-alice", "finished"), 10_100);
        topology.send(typing("c-2", "u-carol", "pause"), 20_000);
        topology.driver.advanceWallClockTime(Duration.ofSeconds(5));

        assertThat(topology.invocations()).isEmpty();
    }

    @Test
    void aQuietConversationIsFlushedByWallClockTime() {
        topology.send(typing("c-1", "u-alice", "begin"), 10_000);
        assertThat(topology.invocations()).isEmpty();

        topology.driver.advanceWallClockTime(Duration.ofSeconds(3));

        assertThat(topology.invocations())
                .singleElement()
                .satisfies(invocation -> assertThat(invocation.events()).hasSize(1));
    }

    @Test
    void conversationsAreBatchedApart() {
        topology.send(typing("c-1", "u-alice", "begin"), 10_000);
        topology.send(typing("c-2", "u-carol", "begin"), 10_100);
        topology.driver.advanceWallClockTime(Duration.ofSeconds(3));

        assertThat(topology.invocations())
                .extracting(Invocation::conversationId)
                .containsExactlyInAnyOrder("c-1", "c-2");
    }
}

package dev.chathooks.processor.topology;

import static dev.chathooks.testsupport.fixtures.ChatEvents.added;
import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.deleted;
import static dev.chathooks.testsupport.fixtures.ChatEvents.sent;
import static dev.chathooks.testsupport.fixtures.ChatEvents.snapshot;
import static dev.chathooks.testsupport.fixtures.ChatEvents.typing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.testsupport.fixtures.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * join.unknown-conversation.wait: in the three-topic layout, a message or typing event read before its
 * conversation's creation (written a millisecond before it, on the other topic) waits for it, and is joined as of
 * its own timestamp; only when none comes in the wait is it dead-lettered. In the one-topic layout nothing waits.
 */
class UnknownConversationWaitTest {
    @TempDir
    Path stateDir;

    private TopologyFixture topology;

    @AfterEach
    void stop() {
        topology.close();
    }

    private static String messageId(Invocation invocation) {
        return invocation.message() == null
                ? invocation.kind().name()
                : invocation.message().path("id").asText();
    }

    @Test
    void aFirstMessageReadBeforeItsConversationsCreationWaitsAndIsThenJoinedWithIt() {
        topology = new TopologyFixture(stateDir);
        topology.send(sent("c-1", "m-1", "u-alice", "hi bob"), 1_001); // its batch was appended first
        assertThat(topology.invocations()).isEmpty();
        assertThat(topology.deadLetters()).as("it waits, without a dead letter").isEmpty();

        topology.send(created("c-1", List.of("u-alice", "u-bob"), List.of()), 1_000);

        List<Invocation> calls = topology.invocations();
        assertThat(calls)
                .extracting(Invocation::kind)
                .containsExactly(HookKind.AFTER_CONVERSATION_CREATED, HookKind.AFTER_MESSAGE_SENT);
        assertThat(calls.get(1).participantIds()).containsExactly("u-alice", "u-bob");
        assertThat(calls.get(1).time()).isEqualTo(1_001);
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void eventsWaitingForOneConversationAreReleasedInTheOrderReadBeforeItsLaterEvents() {
        topology = new TopologyFixture(stateDir);
        topology.send(sent("c-1", "m-1", "u-alice", "one"), 1_001);
        topology.send(typing("c-1", "u-alice", "begin"), 1_002);
        topology.send(sent("c-1", "m-2", "u-alice", "two"), 1_003);

        topology.send(snapshot("c-1", List.of("u-alice", "u-bob"), List.of()), 1_000);
        topology.send(sent("c-1", "m-3", "u-bob", "three"), 1_004);

        assertThat(topology.invocations())
                .extracting(UnknownConversationWaitTest::messageId)
                .containsExactly("m-1", "TYPING_STARTED", "m-2", "m-3");
    }

    @Test
    void withAJoinGraceAWaitedMessageAlsoSeesAMemberAddedBeforeItThatFollowsTheCreation() {
        topology = new TopologyFixture(stateDir, Map.of("join.grace", "1s"));
        topology.send(sent("c-1", "m-1", "u-alice", "hi"), 1_002);
        topology.driver.advanceWallClockTime(Duration.ofSeconds(2)); // out of its grace: waits for the creation

        topology.send(created("c-1", List.of("u-alice"), List.of()), 1_000);
        topology.send(added("c-1", "u-bob"), 1_001); // behind the creation on its topic
        topology.driver.advanceWallClockTime(Duration.ofSeconds(2));

        Invocation message = topology.invocations().stream()
                .filter(invocation -> invocation.message() != null)
                .findFirst()
                .orElseThrow();
        assertThat(message.participantIds()).containsExactly("u-alice", "u-bob");
    }

    @Test
    void withNoCreationInTheWaitTheEventIsDeadLetteredSayingHowLongItWaited() {
        topology = new TopologyFixture(stateDir, Map.of("join.unknown-conversation.wait", "4s"));
        ObjectNode message = sent("c-404", "m-1", "u-alice", "anyone?");
        topology.send(message, 1_000);

        topology.driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(topology.deadLetters()).as("still waiting, the topic quiet").isEmpty();
        topology.driver.advanceWallClockTime(Duration.ofSeconds(4));

        assertThat(topology.deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(TopologyFixture.reason(letter))
                        .isEqualTo("unknown-conversation: conversation c-404 has no state "
                                + "(never created or snapshotted, or deleted) at the time of event "
                                + message.path("id").asText()
                                + "; no creation or snapshot of it was read in the 4000 ms the event waited "
                                + "(join.unknown-conversation.wait)"));
        assertThat(topology.invocations()).isEmpty();

        topology.send(created("c-404", List.of("u-alice"), List.of()), 900);
        assertThat(topology.invocations())
                .as("a creation after the wait finds nothing held")
                .extracting(Invocation::kind)
                .containsExactly(HookKind.AFTER_CONVERSATION_CREATED);
    }

    @Test
    void streamTimePastTheWaitGivesUpTooWithoutTheWallClock() {
        topology = new TopologyFixture(stateDir, Map.of("join.unknown-conversation.wait", "4s"));
        topology.send(sent("c-404", "m-1", "u-alice", "anyone?"), 1_000);
        topology.send(created("c-1", List.of("u-alice"), List.of()), 3_000);
        assertThat(topology.deadLetters()).isEmpty();

        topology.send(created("c-2", List.of("u-alice"), List.of()), 5_000);

        assertThat(topology.deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(TopologyFixture.reason(letter))
                        .startsWith("unknown-conversation: conversation c-404"));
    }

    @Test
    void eventsOfKnownConversationsAreNeverDelayed() {
        topology = new TopologyFixture(stateDir);
        topology.send(created("c-1", List.of("u-alice"), List.of()), 1_000);
        topology.send(sent("c-404", "m-0", "u-alice", "waits"), 1_001);

        topology.send(sent("c-1", "m-1", "u-alice", "at once"), 1_002);

        assertThat(topology.invocations())
                .extracting(UnknownConversationWaitTest::messageId)
                .containsExactly("AFTER_CONVERSATION_CREATED", "m-1");
    }

    @Test
    void aConversationKnownToBeDeletedIsDeadLetteredAtOnce() {
        topology = new TopologyFixture(stateDir);
        topology.send(created("c-1", List.of("u-alice"), List.of()), 1_000);
        topology.send(deleted("c-1"), 2_000);
        topology.invocations();

        topology.send(sent("c-1", "m-1", "u-alice", "too late"), 3_000);

        assertThat(topology.deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(TopologyFixture.reason(letter))
                        .startsWith("unknown-conversation: conversation c-1"));
    }

    @Test
    void aMessageStampedBeforeItsConversationsCreationIsJoinedAsOfItsTimeAndDeadLettered() {
        topology = new TopologyFixture(stateDir);
        topology.send(sent("c-1", "m-1", "u-alice", "from the past"), 500);

        topology.send(created("c-1", List.of("u-alice"), List.of()), 1_000);

        assertThat(topology.invocations())
                .extracting(Invocation::kind)
                .containsExactly(HookKind.AFTER_CONVERSATION_CREATED);
        assertThat(topology.deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(TopologyFixture.reason(letter))
                        .startsWith("unknown-conversation: conversation c-1"));
    }

    @Test
    void inTheOneTopicLayoutAllEventsAreReadFromOneTopicInOrderAndNothingWaits() {
        topology = new TopologyFixture(
                stateDir,
                Map.of(
                        "topics.conversations",
                        "chat.events",
                        "topics.messages",
                        "chat.events",
                        "topics.typing",
                        "chat.events"));
        topology.send(created("c-1", List.of("u-alice"), List.of()), 1_000);
        topology.send(sent("c-1", "m-1", "u-alice", "hi"), 1_001);
        topology.send(sent("c-404", "m-2", "u-alice", "anyone?"), 1_002);

        assertThat(topology.invocations())
                .extracting(UnknownConversationWaitTest::messageId)
                .containsExactly("AFTER_CONVERSATION_CREATED", "m-1");
        assertThat(topology.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(TopologyFixture.reason(letter)).startsWith("unknown-conversation: conversation c-404");
            assertThat(TopologyFixture.header(letter, "chat-hooks.source-topic"))
                    .isEqualTo("chat.events");
        });
    }
}

package dev.chathooks.processor.topology;

import static dev.chathooks.testsupport.fixtures.ChatEvents.added;
import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.sent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.HookKind;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.testsupport.fixtures.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State changes stamped more than {@code state.history-retention} (1 day) before the stream time: the versioned
 * store would drop them, and the conversation's messages would be dead-lettered as never created.
 */
class ExpiredStateChangeTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path stateDir;

    private TopologyFixture topology;

    @BeforeEach
    void start() {
        topology = new TopologyFixture(stateDir);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void aConversationCreatedLongBeforeTheStreamTimeIsAppliedAndItsLaterMessagesAreJoinedWithIt() {
        // As when the example dump is loaded after a dump stamped two days later.
        topology.send(created("c-recent", List.of("u-1"), List.of()), T0 + 2 * DAY);
        topology.send(sent("c-recent", "m-0", "u-1", "recent"), T0 + 2 * DAY + 1000);
        topology.invocations();

        topology.send(created("c-old", List.of("u-alice", "u-bob"), List.of()), T0);
        topology.send(sent("c-old", "m-1", "u-alice", "hi"), T0 + 1000);
        topology.send(added("c-old", "u-carol"), T0 + 2000);
        topology.send(sent("c-old", "m-2", "u-bob", "welcome"), T0 + 3000);

        List<Invocation> invocations = topology.invocations();
        assertThat(invocations)
                .extracting(Invocation::kind)
                .containsExactly(
                        HookKind.AFTER_CONVERSATION_CREATED,
                        HookKind.AFTER_MESSAGE_SENT,
                        HookKind.AFTER_USERS_ADDED_TO_CONVERSATION,
                        HookKind.AFTER_MESSAGE_SENT);
        assertThat(invocations.get(1).participantIds()).containsExactly("u-alice", "u-bob");
        assertThat(invocations.get(3).participantIds()).containsExactly("u-alice", "u-bob", "u-carol");
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void aMessageBeforeAnExpiredCreationIsStillAnUnknownConversation() {
        topology.send(created("c-recent", List.of("u-1"), List.of()), T0 + 2 * DAY);
        topology.send(created("c-old", List.of("u-alice"), List.of()), T0);
        topology.invocations();

        topology.send(sent("c-old", "m-1", "u-alice", "before it existed"), T0 - 1000);

        assertThat(topology.invocations()).isEmpty();
        assertThat(topology.deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(TopologyFixture.reason(letter))
                        .startsWith("unknown-conversation: ")
                        .contains("never created or snapshotted"));
    }

    @Test
    void aMessageWhoseStateAsOfThenHasExpiredSaysSoAndNamesTheSetting() {
        topology.send(created("c-1", List.of("u-alice", "u-bob"), List.of()), T0);
        topology.send(added("c-1", "u-carol"), T0 + 3 * DAY);
        topology.invocations();

        topology.send(sent("c-1", "m-1", "u-alice", "late"), T0 + HOUR);

        assertThat(topology.invocations()).isEmpty();
        assertThat(topology.deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(TopologyFixture.reason(letter))
                        .startsWith("unknown-conversation: ")
                        .contains("existed at the time of event")
                        .contains("has expired")
                        .contains("state.history-retention (PT24H)")
                        .doesNotContain("never created"));
    }

    @Test
    void aMessageOfANeverCreatedConversationKeepsTheUsualReason() {
        topology.send(created("c-1", List.of("u-alice"), List.of()), T0 + 3 * DAY);
        topology.invocations();

        topology.send(sent("c-none", "m-1", "u-alice", "anyone?"), T0);
        topology.driver.advanceWallClockTime(Duration.ofSeconds(15)); // its wait for a creation (none comes)

        assertThat(topology.deadLetters())
                .singleElement()
                .satisfies(
                        letter -> assertThat(TopologyFixture.reason(letter)).contains("never created or snapshotted"));
    }
}

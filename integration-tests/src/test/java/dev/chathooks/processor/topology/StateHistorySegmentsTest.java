package dev.chathooks.processor.topology;

import static dev.chathooks.testsupport.fixtures.ChatEvents.added;
import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.sent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.testsupport.fixtures.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation-state store keeps its history in segments of a minute: an event read late is still joined with
 * the state as of its own time, whether that state is in the same minute as later changes or hours back.
 */
class StateHistorySegmentsTest {
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();
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
    void segmentsAreAMinuteForADaysHistoryAndNeverLessThanKafkasLeast() {
        assertThat(EnrichmentTopology.historySegment(Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(EnrichmentTopology.historySegment(Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(30));
        assertThat(EnrichmentTopology.historySegment(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void lateMessagesAreJoinedWithTheStateAsOfTheirTimeAcrossHoursOfSegments() {
        topology.send(created("c-1", List.of("u-0"), List.of()), T0);
        for (int hour = 1; hour <= 5; hour++) {
            topology.send(added("c-1", "u-" + hour), T0 + hour * HOUR);
        }
        topology.invocations();

        // Read after every change, stamped between them: half an hour after each.
        for (int hour = 0; hour <= 5; hour++) {
            topology.send(sent("c-1", "m-" + hour, "u-0", "late"), T0 + hour * HOUR + 30 * MINUTE);
        }

        List<Invocation> invocations = topology.invocations();
        assertThat(invocations).hasSize(6);
        for (int hour = 0; hour <= 5; hour++) {
            assertThat(invocations.get(hour).participantIds())
                    .as("members as of hour %d", hour)
                    .containsExactlyElementsOf(members(hour));
        }
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void lateMessagesAreJoinedWithTheStateAsOfTheirTimeAmongManyChangesOfOneMinute() {
        topology.send(created("c-2", List.of("u-0"), List.of()), T0);
        for (int second = 1; second <= 40; second++) {
            topology.send(added("c-2", "u-" + second), T0 + second * 1000L);
        }
        topology.invocations();

        topology.send(sent("c-2", "m-a", "u-0", "late"), T0 + 10_500);
        topology.send(sent("c-2", "m-b", "u-0", "late"), T0 + 39_500);

        List<Invocation> invocations = topology.invocations();
        assertThat(invocations).hasSize(2);
        assertThat(invocations.get(0).participantIds()).containsExactlyElementsOf(members(10));
        assertThat(invocations.get(1).participantIds()).containsExactlyElementsOf(members(39));
    }

    /** u-0 to u-{@code last}, in the order they joined. */
    private static List<String> members(int last) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            members.add("u-" + i);
        }
        return members;
    }
}

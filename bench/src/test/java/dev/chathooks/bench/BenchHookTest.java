package dev.chathooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the bench tells where a round ends: by its own end markers, whichever partitions run ahead, so that a round's
 * span is not cut short by the next round's markers.
 */
class BenchHookTest {
    private static final int PARTITIONS = 2;
    private final BenchHook hook = new BenchHook(new LatencyProbe(), EndMarkers.callsPerPhase(PARTITIONS));
    private final List<String> conversations = EndMarkers.conversations(PARTITIONS);

    @Test
    void theMarkersPhaseIsReadFromItsEventId() {
        assertThat(EndMarkers.phaseOf(EndMarkers.eventId("round-12", "bench-marker-3", "typing")))
                .isEqualTo("round-12");
        assertThatThrownBy(() -> EndMarkers.phaseOf("msg-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRoundEndsWithItsOwnLastMarkerEvenWhenAPartitionHasRunIntoTheNextRound() {
        callMarkers("round-0", conversations.get(0)); // the first partition finishes round 0
        long firstDone = System.nanoTime();
        callMarkers("round-1", conversations.get(0)); // and all of round 1: as many markers as a round has
        assertThatThrownBy(() -> hook.phaseEndNanos("round-0"))
                .as("round 0 has not ended: its second partition is not done")
                .isInstanceOf(IllegalStateException.class);

        long beforeLast = System.nanoTime();
        callMarkers("round-0", conversations.get(1));

        assertThat(hook.phaseEndNanos("round-0")).isGreaterThanOrEqualTo(beforeLast);
        assertThat(hook.phaseFirstEndNanos("round-0")).isLessThanOrEqualTo(firstDone);
        assertThat(hook.markerCalls()).isEqualTo(3L * EndMarkers.callsPerPhase(PARTITIONS) / 2);
    }

    /** The three marker calls of one partition's conversation in a phase. */
    private void callMarkers(String phase, String conversation) {
        for (String type : List.of("updated", "message", "typing")) {
            hook.afterConversationUpdated(null, List.of(), event(EndMarkers.eventId(phase, conversation, type)));
        }
    }

    private static EventInfo event(String id) {
        return new EventInfo(
                id,
                HookKind.AFTER_CONVERSATION_UPDATED,
                "chat.conversation.updated",
                "c",
                null,
                Instant.EPOCH,
                Map.of());
    }
}

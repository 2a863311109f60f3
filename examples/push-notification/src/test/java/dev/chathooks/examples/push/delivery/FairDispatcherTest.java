package dev.chathooks.examples.push.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FairDispatcherTest {
    /** Tasks that complete only when the test says, recording the order they started in. */
    private final List<String> started = new ArrayList<>();

    private final List<CompletableFuture<Void>> running = new ArrayList<>();
    private int maxSeen;
    private FairDispatcher dispatcher;

    private CompletableFuture<Void> task(String item) {
        synchronized (this) {
            started.add(item);
            CompletableFuture<Void> stage = new CompletableFuture<>();
            running.add(stage);
            maxSeen = Math.max(maxSeen, dispatcher.inFlight());
            return stage;
        }
    }

    private void completeOldest(int count) {
        for (int i = 0; i < count; i++) {
            CompletableFuture<Void> oldest;
            synchronized (this) {
                oldest = running.stream()
                        .filter(stage -> !stage.isDone())
                        .findFirst()
                        .orElseThrow();
            }
            oldest.complete(null);
        }
    }

    private static List<String> items(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.toList());
    }

    @Test
    void neverHasMoreInFlightThanTheBound() {
        dispatcher = new FairDispatcher(4);
        CompletableFuture<Void> big = dispatcher.submit(items("a", 100), this::task);

        assertThat(started).hasSize(4);
        for (int i = 0; i < 96; i++) {
            completeOldest(1);
            assertThat(dispatcher.inFlight()).isLessThanOrEqualTo(4);
        }
        completeOldest(4);
        assertThat(big).isCompleted();
        assertThat(started).hasSize(100);
        assertThat(maxSeen).isLessThanOrEqualTo(4);
    }

    @Test
    void aSmallFanOutWaitsOnlyForTheBoundNotForTheBigOne() {
        dispatcher = new FairDispatcher(8);
        CompletableFuture<Void> big = dispatcher.submit(items("big-", 10_000), this::task);
        CompletableFuture<Void> small = dispatcher.submit(items("small-", 3), this::task);
        int startedBefore = started.size();

        // Each slot freed goes to the batches in turn: the small one's three items start within six slots.
        completeOldest(6);

        List<String> next = started.subList(startedBefore, started.size());
        assertThat(next).filteredOn(item -> item.startsWith("small-")).containsExactly("small-0", "small-1", "small-2");
        completeOldest(8);
        assertThat(small).isCompleted();
        assertThat(big).isNotDone();
    }

    @Test
    void theResultCompletesWhenEveryTaskHasAndFailsWithTheFirstFailure() {
        dispatcher = new FairDispatcher(2);
        CompletableFuture<Void> result = dispatcher.submit(
                List.of("x", "y", "z"),
                item -> "y".equals(item)
                        ? CompletableFuture.failedFuture(new IllegalStateException("y failed"))
                        : CompletableFuture.completedFuture(null));

        assertThat(result).isCompletedExceptionally();
        assertThatThrownBy(result::join).hasRootCauseMessage("y failed");
    }

    @Test
    void aTaskThatThrowsCountsAsFailedAndDoesNotStopTheOthers() {
        dispatcher = new FairDispatcher(1);
        List<String> ran = new ArrayList<>();
        CompletableFuture<Void> result = dispatcher.submit(List.of("a", "b", "c"), item -> {
            ran.add(item);
            if ("a".equals(item)) {
                throw new IllegalArgumentException("a throws");
            }
            return CompletableFuture.completedFuture(null);
        });

        assertThat(ran).containsExactly("a", "b", "c");
        assertThatThrownBy(result::join).hasRootCauseMessage("a throws");
        assertThat(dispatcher.inFlight()).isZero();
    }

    @Test
    void aCancelledBatchStartsNoMoreTasks() {
        dispatcher = new FairDispatcher(2);
        CompletableFuture<Void> result = dispatcher.submit(items("a", 10), this::task);
        result.cancel(false);
        completeOldest(2);

        assertThat(started).hasSize(2);
        assertThat(dispatcher.inFlight()).isZero();
    }

    @Test
    void anEmptyBatchCompletesAtOnce() {
        dispatcher = new FairDispatcher(1);
        assertThat(dispatcher.submit(List.of(), this::task)).isCompleted();
    }

    @Test
    void closingFailsWaitingBatchesAndRefusesNewOnes() {
        dispatcher = new FairDispatcher(1);
        CompletableFuture<Void> result = dispatcher.submit(items("a", 3), this::task);
        dispatcher.close();

        assertThat(result).isCompletedExceptionally();
        assertThatThrownBy(() -> dispatcher.submit(List.of("b"), this::task)).isInstanceOf(IllegalStateException.class);
    }
}

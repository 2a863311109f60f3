package dev.chathooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TakingTurnsTest {
    @Test
    void theSidesTakeTurnsAfterAWarmUpPairAndEachGetsTheMedianOfItsMeasuredRounds() throws Exception {
        List<String> order = new ArrayList<>();
        double[] firstRates = {1, 30, 10, 20};
        double[] secondRates = {2, 5, 7, 6};
        int[] calls = new int[2];

        TakingTurns.Medians medians = TakingTurns.measure(
                3,
                Duration.ZERO,
                () -> {
                    order.add("first");
                    return firstRates[calls[0]++];
                },
                () -> {
                    order.add("second");
                    return secondRates[calls[1]++];
                });

        // With no time to warm up, one unmeasured pair, then three measured ones.
        assertThat(order).containsExactly("first", "second", "first", "second", "first", "second", "first", "second");
        assertThat(medians.first()).isEqualTo(20);
        assertThat(medians.second()).isEqualTo(6);
    }

    @Test
    void atLeastOneMeasuredRoundIsNeeded() {
        assertThatThrownBy(() -> TakingTurns.measure(0, Duration.ZERO, () -> 1, () -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rounds");
    }
}

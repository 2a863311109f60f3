package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The definition of "in order" under redelivery that the fault tests check. */
class CallOrderTest {
    private static final List<String> EVENTS = List.of("e1", "e2", "e3", "e4", "e5");

    @Test
    void eachEventOnceInOrderIsInOrderWithoutDuplicates() {
        CallOrder.Verdict verdict = CallOrder.check(EVENTS, EVENTS);

        assertThat(verdict.inOrderAndComplete()).isTrue();
        assertThat(verdict.duplicates()).isZero();
    }

    @Test
    void aRedeliveryFromAnEarlierPointIsInOrderAndCountsItsDuplicates() {
        CallOrder.Verdict verdict = CallOrder.check(EVENTS, List.of("e1", "e2", "e3", "e4", "e2", "e3", "e4", "e5"));

        assertThat(verdict.inOrderAndComplete()).isTrue();
        assertThat(verdict.duplicates()).isEqualTo(3);
    }

    @Test
    void redeliveriesOfRedeliveriesAreInOrder() {
        CallOrder.Verdict verdict = CallOrder.check(
                EVENTS, List.of("e1", "e2", "e3", "e4", "e2", "e3", "e4", "e3", "e4", "e2", "e4", "e5"));

        assertThat(verdict.inOrderAndComplete()).isTrue();
        assertThat(verdict.duplicates()).isEqualTo(7);
    }

    @Test
    void anEventFirstCalledBeforeAnEarlierOneIsAViolation() {
        CallOrder.Verdict verdict = CallOrder.check(EVENTS, List.of("e1", "e3", "e2", "e4", "e5"));

        assertThat(verdict.violations()).hasSize(3);
        assertThat(verdict.missing()).isEmpty();
    }

    @Test
    void aNewEventAfterARedeliveryThatStoppedShortIsAViolation() {
        CallOrder.Verdict verdict = CallOrder.check(EVENTS, List.of("e1", "e2", "e3", "e4", "e2", "e5"));

        assertThat(verdict.violations()).singleElement().asString().contains("first of e5");
    }

    @Test
    void anEventNeverCalledIsMissing() {
        CallOrder.Verdict verdict = CallOrder.check(EVENTS, List.of("e1", "e2", "e3", "e4"));

        assertThat(verdict.missing()).containsExactly("e5");
        assertThat(verdict.violations()).isEmpty();
    }

    @Test
    void aCallOfAnEventOfAnotherStreamIsAViolation() {
        CallOrder.Verdict verdict = CallOrder.check(EVENTS, List.of("e1", "x", "e2", "e3", "e4", "e5"));

        assertThat(verdict.violations()).singleElement().asString().contains("not an event of this stream");
    }
}

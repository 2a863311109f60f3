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

    /**
     * A chunk written again after its producer gave up on part of it: e2's batch landed late, after e3's, and the
     * new producer wrote both again. Each record is called as the topic holds it.
     */
    @Test
    void aStreamWithCopiesCalledAsTheTopicHoldsItIsInOrder() {
        List<String> written = List.of("e1", "e3", "e2", "e2", "e3", "e4");

        CallOrder.Verdict verdict = CallOrder.check(written, written);

        assertThat(verdict.inOrderAndComplete()).isTrue();
        assertThat(verdict.events()).isEqualTo(4);
        assertThat(verdict.duplicates()).isEqualTo(2);
    }

    @Test
    void aStreamWithCopiesCalledInAnotherOrderThanTheTopicsIsAViolation() {
        List<String> written = List.of("e1", "e3", "e2", "e2", "e3", "e4");

        CallOrder.Verdict verdict = CallOrder.check(written, List.of("e1", "e2", "e3", "e2", "e3", "e4"));

        assertThat(verdict.violations())
                .first()
                .asString()
                .contains("first of e2 (record 2)")
                .contains("not of e3 (record 1)");
    }
}

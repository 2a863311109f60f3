package dev.chathooks.processor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DedupWindowTest {
    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void aFinishedIdIsSeenWithinTheWindowAndForgottenAfter() {
        DedupWindow window = new DedupWindow(Duration.ofSeconds(10), now::get);
        window.finished("e-1");

        now.addAndGet(9_000);
        assertThat(window.seen("e-1")).isTrue();
        assertThat(window.seen("e-2")).isFalse();

        now.addAndGet(2_000);
        assertThat(window.seen("e-1")).isFalse();
    }

    @Test
    void aZeroWindowRemembersNothing() {
        DedupWindow window = new DedupWindow(Duration.ZERO, now::get);
        window.finished("e-1");

        assertThat(window.seen("e-1")).isFalse();
    }
}

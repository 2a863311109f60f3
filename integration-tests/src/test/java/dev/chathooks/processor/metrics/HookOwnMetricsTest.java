package dev.chathooks.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.api.HookMetrics;
import dev.chathooks.testsupport.PrometheusText;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HookOwnMetricsTest {
    private final ChatHooksMetrics metrics = ChatHooksMetrics.create();
    private final HookMetrics push = metrics.hookMetrics("push");

    @Test
    void aHooksMetersCarryItsNameAsTheHookLabel() {
        push.counter("push_notifications_sent", "platform", "apns").increment();
        push.counter("push_notifications_sent", "platform", "apns").add(2);
        push.counter("push_notifications_sent", "platform", "fcm").increment();
        push.timer("push_fanout").record(Duration.ofMillis(30));

        PrometheusText text = PrometheusText.parse(metrics.scrape());

        assertThat(text.sum("push_notifications_sent_total", "hook", "push", "platform", "apns"))
                .isEqualTo(3);
        assertThat(text.sum("push_notifications_sent_total", "hook", "push", "platform", "fcm"))
                .isEqualTo(1);
        assertThat(text.family("push_fanout_seconds").type()).isEqualTo("histogram");
        assertThat(text.sum("push_fanout_seconds_bucket", "hook", "push", "le", "0.05"))
                .isEqualTo(1);
        assertThat(text.sum("push_fanout_seconds_bucket", "hook", "push", "le", "0.025"))
                .isEqualTo(0);
    }

    @Test
    void namesAndTagsThatBreakTheRulesAreRefusedWithWhatIsValid() {
        assertThatThrownBy(() -> push.counter("Sent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower case");
        assertThatThrownBy(() -> push.counter("chathooks_events"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chathooks");
        assertThatThrownBy(() -> push.counter("push_sent", "platform"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pairs");
        assertThatThrownBy(() -> push.counter("push_sent", "hook", "other"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hook'");
        push.counter("push_failed", "platform", "apns");
        assertThatThrownBy(() -> push.counter("push_failed", "reason", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same tag keys");
        assertThatThrownBy(() -> push.counter("push_failed", "platform", "apns").add(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.chathooks.examples.push.metrics;

import dev.chathooks.api.HookMetrics;
import dev.chathooks.examples.push.devices.Platform;
import java.util.EnumMap;
import java.util.Map;

/**
 * The push hook's own figures, published by the processor with a {@code hook} label:
 * <ul>
 *   <li>{@code push_notifications_sent_total{platform}}: notifications the service accepted;</li>
 *   <li>{@code push_notifications_rejected_total{platform,reason}}: tokens the service rejected for good, by the
 *       service's reason (a short, fixed list: {@code Unregistered}, {@code BadDeviceToken}, ...);</li>
 *   <li>{@code push_notifications_failed_total{platform}}: notifications that failed after their retries;</li>
 *   <li>{@code push_fanout_seconds}: histogram of a message's fan-out, from the first notification started to the
 *       last one finished.</li>
 * </ul>
 * Thread-safe.
 */
public final class PushMetrics {
    private final HookMetrics metrics;
    private final Map<Platform, HookMetrics.Counter> sent = new EnumMap<>(Platform.class);
    private final Map<Platform, HookMetrics.Counter> failed = new EnumMap<>(Platform.class);
    private final HookMetrics.Timer fanout;

    /** @param metrics where the hook's meters go ({@code HookContext.metrics()}) */
    public PushMetrics(HookMetrics metrics) {
        this.metrics = metrics;
        for (Platform platform : Platform.values()) {
            sent.put(platform, metrics.counter("push_notifications_sent", "platform", platform.wireName()));
            failed.put(platform, metrics.counter("push_notifications_failed", "platform", platform.wireName()));
        }
        fanout = metrics.timer("push_fanout");
    }

    /** A notification accepted by the service. */
    public void sent(Platform platform) {
        sent.get(platform).increment();
    }

    /** A notification whose token the service rejected, for {@code reason}. */
    public void rejected(Platform platform, String reason) {
        metrics.counter("push_notifications_rejected", "platform", platform.wireName(), "reason", reason)
                .increment();
    }

    /** A notification that failed after its retries. */
    public void failed(Platform platform) {
        failed.get(platform).increment();
    }

    /** A fan-out that started at {@code startNanos} ({@link System#nanoTime()}) ended now. */
    public void fanoutFinished(long startNanos) {
        fanout.recordSince(startNanos);
    }
}

package dev.chathooks.examples.push.feedback;

import dev.chathooks.api.TopicWriter;
import dev.chathooks.examples.push.notification.Notification;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reports rejected tokens to the feedback topic ({@code chat-hooks.push-feedback}), keyed by user id, with the
 * value {@code {"user_id", "device_id", "platform", "token", "reason", "time"}}. The token is included because the
 * chat server must know exactly which token went stale (a device may have registered a new one since); this is a
 * data topic, not a log.
 */
public final class FeedbackReporter {
    private final TopicWriter writer;
    private final Clock clock;

    /**
     * @param writer the writer to the feedback topic
     * @param clock gives the report's time
     */
    public FeedbackReporter(TopicWriter writer, Clock clock) {
        this.writer = Objects.requireNonNull(writer, "writer is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** Writes the report; the stage completes when it is stored, or exceptionally when it cannot be. */
    public CompletionStage<Void> reportRejected(Notification notification, String reason) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("user_id", notification.userId());
        value.put("device_id", notification.deviceId());
        value.put("platform", notification.platform().wireName());
        value.put("token", notification.token());
        value.put("reason", reason);
        value.put("time", clock.instant().toString());
        try {
            return writer.send(notification.userId(), value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The topic reports go to. */
    public String topic() {
        return writer.topic();
    }
}

package dev.chathooks.processor.rewind;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.kafka.TopicSpec;
import java.time.Duration;

/** Where the control topic is and how it is made. */
public final class ControlTopic {
    /** Messages are acted on within a minute or two; a day leaves time to read what happened. */
    private static final Duration RETENTION = Duration.ofDays(1);

    private ControlTopic() {}

    /** {@code <application.id>-control}. */
    public static String name(ChatHooksConfig config) {
        return config.applicationId() + "-control";
    }

    /** One partition, so that every message is read in the order it was written, kept for a day. */
    public static TopicSpec spec(ChatHooksConfig config) {
        return TopicSpec.of(name(config), 1).withConfig("retention.ms", Long.toString(RETENTION.toMillis()));
    }
}

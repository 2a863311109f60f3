package dev.chathooks.testsupport;

import dev.chathooks.processor.kafka.TopicSetup;
import dev.chathooks.processor.kafka.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Names and creates topics for tests that share a broker. */
public final class TestTopics {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestTopics() {}

    /**
     * A topic (or group) name no other test in this run uses: {@code prefix}, a sequence number and a random
     * part, so that reruns against a long-lived broker do not collide either.
     */
    public static String uniqueName(String prefix) {
        String random = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + random;
    }

    /** An Admin client for {@code bootstrapServers}; the caller closes it. */
    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Creates {@code topics} with {@link TopicSetup}, so they have leaders when this returns. */
    public static void create(String bootstrapServers, TopicSpec... topics) {
        try (Admin admin = admin(bootstrapServers)) {
            new TopicSetup(admin, TIMEOUT).ensureTopics(List.of(topics));
        }
    }

    /** Creates a topic named after {@code prefix} with {@code partitions} partitions and returns its name. */
    public static String createUnique(String bootstrapServers, String prefix, int partitions) {
        String name = uniqueName(prefix);
        create(bootstrapServers, TopicSpec.of(name, partitions));
        return name;
    }
}

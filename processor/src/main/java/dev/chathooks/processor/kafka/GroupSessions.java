package dev.chathooks.processor.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How soon the groups (the topology's and each hook's) notice an instance that died without leaving, and hand its
 * partitions to the others: within a session timeout, plus a heartbeat and a rebalance.
 *
 * <p>Kafka's default session is 45 s. With the {@code consumer} (KIP-848) and {@code streams} (KIP-1071) group
 * protocols the broker sets it ({@code group.consumer.session.timeout.ms}, {@code group.streams.session.timeout.ms}),
 * and a default broker allows no less than 45 s. With the {@code classic} protocol the client asks for its own
 * session, within the broker's {@code group.min.session.timeout.ms} (6 s by default). So the groups use the
 * classic protocol with a 6 s session by default: a dead instance's conversations move in under 10 s on any
 * cluster with Kafka's default settings. A user's own {@code session.timeout.ms} or {@code heartbeat.interval.ms}
 * wins.
 */
public final class GroupSessions {
    /** The shortest session a broker with Kafka's defaults accepts ({@code group.min.session.timeout.ms}). */
    public static final Duration SESSION = Duration.ofSeconds(6);
    /**
     * How often members heartbeat: a member learns of a rebalance at its next heartbeat, so this is part of every
     * hand-over. One request a second per member costs the broker little.
     */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** Above this, a session makes failover miss its 10 s. */
    static final Duration LONGEST_FAST_SESSION = Duration.ofSeconds(8);

    private static final Logger LOG = LoggerFactory.getLogger(GroupSessions.class);

    private GroupSessions() {}

    /**
     * Sets a hook consumer's group protocol and, for the classic one, its session, heartbeat and the cooperative
     * assignor (incremental rebalances: partitions that stay with a member are not stopped), unless set.
     *
     * @param protocol {@code classic} or {@code consumer}
     */
    public static void tuneHookConsumer(Properties properties, String protocol) {
        properties.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        if ("consumer".equals(protocol)) {
            // The consumer protocol refuses the classic one's settings; users may have set them for Kafka Streams.
            for (String classic : List.of(
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                    ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)) {
                properties.remove(classic);
            }
            return;
        }
        properties.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(SESSION.toMillis()));
        properties.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(HEARTBEAT.toMillis()));
        properties.putIfAbsent(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }

    /**
     * What the groups will get from the cluster, as a member of each would.
     *
     * @param streamsProtocol Kafka Streams' {@code group.protocol}: {@code classic} or {@code streams}
     * @param streamsSession the session Kafka Streams asks for with the classic protocol
     * @param hooksProtocol the hooks' {@code group.protocol}: {@code classic} or {@code consumer}
     * @param hooksSession the session the hooks ask for with the classic protocol
     */
    public record Groups(
            String streamsProtocol, Duration streamsSession, String hooksProtocol, Duration hooksSession) {}

    /**
     * Reads one broker's group settings and logs a warning for each group that will keep a dead instance's
     * partitions longer than a fast failover allows, or that the broker will refuse, naming the setting to change.
     * Says nothing when the settings cannot be read (no permission to describe the cluster's configuration).
     *
     * @return the warnings logged
     */
    public static List<String> warnAboutCluster(Admin admin, Groups groups, Duration timeout) {
        Map<String, String> broker;
        try {
            broker = brokerSettings(admin, timeout);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("Could not read the cluster's group settings: {}", e.toString());
            return List.of();
        }
        List<String> warnings = warnings(broker, groups);
        warnings.forEach(LOG::warn);
        return warnings;
    }

    private static Map<String, String> brokerSettings(Admin admin, Duration timeout) throws Exception {
        int timeoutMs = (int) timeout.toMillis();
        Node node = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                .nodes()
                .get(timeoutMs, TimeUnit.MILLISECONDS)
                .iterator()
                .next();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
        Config config = admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().timeoutMs(timeoutMs))
                .all()
                .get(timeoutMs, TimeUnit.MILLISECONDS)
                .get(resource);
        Map<String, String> settings = new java.util.HashMap<>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.name().startsWith("group.") && entry.value() != null) {
                settings.put(entry.name(), entry.value());
            }
        }
        return settings;
    }

    /** The warnings for {@code groups} on a broker with {@code broker}'s {@code group.*} settings. */
    static List<String> warnings(Map<String, String> broker, Groups groups) {
        List<String> warnings = new ArrayList<>();
        if ("streams".equals(groups.streamsProtocol())) {
            brokerSession(
                    broker,
                    "group.streams.session.timeout.ms",
                    "the topology's group (group.protocol=streams)",
                    "or leave group.protocol unset (classic)",
                    warnings);
        }
        boolean hooksClassic = !"consumer".equals(groups.hooksProtocol());
        boolean streamsClassic = !"streams".equals(groups.streamsProtocol());
        if (hooksClassic && streamsClassic && groups.hooksSession().equals(groups.streamsSession())) {
            classicSession(broker, groups.streamsSession(), "the topology's and the hooks' groups", warnings);
        } else if (streamsClassic) {
            classicSession(broker, groups.streamsSession(), "the topology's group", warnings);
        }
        if (!hooksClassic) {
            brokerSession(
                    broker,
                    "group.consumer.session.timeout.ms",
                    "the hooks' groups (dispatch.group-protocol=consumer)",
                    "or set dispatch.group-protocol=classic",
                    warnings);
        } else if (!streamsClassic || !groups.hooksSession().equals(groups.streamsSession())) {
            classicSession(broker, groups.hooksSession(), "the hooks' groups", warnings);
        }
        return warnings;
    }

    private static void brokerSession(
            Map<String, String> broker, String key, String group, String alternative, List<String> warnings) {
        Long session = millis(broker, key);
        if (session != null && session > LONGEST_FAST_SESSION.toMillis()) {
            warnings.add("The cluster keeps the session of " + group + " for " + session + " ms (" + key
                    + "): an instance that dies without leaving holds its conversations that long. Set " + key
                    + " (and its .min) to " + SESSION.toMillis() + " on the brokers, " + alternative + ".");
        }
    }

    private static void classicSession(
            Map<String, String> broker, Duration asked, String group, List<String> warnings) {
        Long min = millis(broker, "group.min.session.timeout.ms");
        Long max = millis(broker, "group.max.session.timeout.ms");
        long session = asked.toMillis();
        if (min != null && session < min) {
            warnings.add("The cluster allows no session shorter than " + min + " ms (group.min.session.timeout.ms), "
                    + "and " + group + " asks for " + session + " ms (session.timeout.ms): the broker refuses the "
                    + "members. Set group.min.session.timeout.ms to " + SESSION.toMillis() + " on the brokers (Kafka's "
                    + "default), or session.timeout.ms to " + min + ".");
        } else if (max != null && session > max) {
            warnings.add("The cluster allows no session longer than " + max + " ms (group.max.session.timeout.ms), "
                    + "and " + group + " asks for " + session + " ms (session.timeout.ms): the broker refuses the "
                    + "members. Lower session.timeout.ms.");
        }
    }

    private static Long millis(Map<String, String> broker, String key) {
        String value = broker.get(key);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.chathooks.processor.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Chat Hooks' own keys, in Kafka's {@link ConfigDef}: name, type, default, check and meaning of each, in one
 * place. docs/configuration.md explains them to users; a test keeps it complete.
 *
 * <p>Durations are {@code STRING} keys with a duration check, since {@code ConfigDef} has no duration type.
 */
final class ConfigKeys {
    /** Prefixes under which every key is Chat Hooks' own: an unknown one is an error, never passed to Kafka. */
    static final List<String> OWN_PREFIXES = List.of(
            "topics.",
            "typing.",
            "join.",
            "state.",
            "input.",
            "dispatch.",
            "embedded.",
            "management.",
            "logging.",
            "instances.",
            "hook.");

    /** The settings of {@code dispatch.<setting>}, which {@code dispatch.hook.<name>.<setting>} sets for one hook. */
    static final Set<String> DISPATCH_SETTINGS = Set.of(
            "max-in-flight",
            "timeout",
            "retry.max-attempts",
            "retry.initial-backoff",
            "retry.max-backoff",
            "dedup-window");

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(
                    "application.id",
                    STRING,
                    "chat-hooks",
                    ConfigValidators.applicationId(),
                    HIGH,
                    "Consumer group of the topology, prefix of internal topics and of the hooks' groups.")
            .define(
                    "bootstrap.servers",
                    STRING,
                    null,
                    HIGH,
                    "The Kafka cluster; when unset, run starts an embedded broker.")
            .define("topics.conversations", STRING, "chat.conversations", HIGH, "Conversation and participant events.")
            .define("topics.messages", STRING, "chat.messages", HIGH, "Message events.")
            .define("topics.typing", STRING, "chat.typing", HIGH, "Typing events.")
            .define("topics.users", STRING, "chat.users", HIGH, "User records (compacted).")
            .define("topics.devices", STRING, "chat.devices", HIGH, "Device lists (compacted).")
            .define("topics.dlq", STRING, "chat-hooks.dlq", HIGH, "Dead letters.")
            .define(
                    "topics.partitions",
                    INT,
                    6,
                    ConfigValidators.atLeast(1),
                    MEDIUM,
                    "Partitions of the topics Chat Hooks creates when they are missing.")
            .define(
                    "topics.replication-factor",
                    INT,
                    3,
                    ConfigValidators.atLeast(1),
                    HIGH,
                    "Replicas of each partition of the topics Chat Hooks and Kafka Streams create; at most the "
                            + "cluster's brokers, 1 on the embedded broker.")
            .define(
                    "topics.min-insync-replicas",
                    INT,
                    2,
                    ConfigValidators.atLeast(1),
                    HIGH,
                    "min.insync.replicas of the topics created: replicas that must have a record before it counts "
                            + "as written (acks=all).")
            .define(
                    "topics.replication-check",
                    STRING,
                    "warn",
                    ConfigValidators.oneOf("warn", "fail"),
                    MEDIUM,
                    "What a topic with fewer replicas or a lower min.insync.replicas than configured causes at "
                            + "start: a WARN, or a refusal to start.")
            .define(
                    "typing.coalesce-window",
                    STRING,
                    "0ms",
                    ConfigValidators.duration(),
                    MEDIUM,
                    "Batches a conversation's typing events into one call per window; 0 is one call per begin.")
            .define(
                    "join.grace",
                    STRING,
                    "0ms",
                    ConfigValidators.duration(),
                    MEDIUM,
                    "How long a message waits for conversation events stamped before it but read after it.")
            .define(
                    "join.unknown-conversation.wait",
                    STRING,
                    "10s",
                    ConfigValidators.duration(),
                    MEDIUM,
                    "How long a message of a conversation with no state yet waits for its creation (three topics).")
            .define(
                    "state.history-retention",
                    STRING,
                    "1d",
                    ConfigValidators.positiveDuration("1d"),
                    LOW,
                    "How far back messages are joined with the conversation state as of their timestamps.")
            .define(
                    "state.rocksdb.max-memory-bytes",
                    LONG,
                    134_217_728L,
                    ConfigValidators.atLeast(0),
                    MEDIUM,
                    "Memory of all the instance's state stores outside the Java heap (RocksDB's block cache and"
                            + " memtables, shared); 0 leaves each store Kafka Streams' defaults, unbounded.")
            .define(
                    "input.max-record-bytes",
                    INT,
                    262144,
                    ConfigValidators.atLeast(1),
                    MEDIUM,
                    "Larger input records are dead-lettered as too-large.")
            .define(
                    "dispatch.max-in-flight",
                    INT,
                    256,
                    ConfigValidators.atLeast(1),
                    MEDIUM,
                    "Invocations in flight per hook, back-pressure beyond; also a blocking hook's most threads.")
            .define(
                    "dispatch.timeout",
                    STRING,
                    "30s",
                    ConfigValidators.positiveDuration("30s"),
                    MEDIUM,
                    "How long one attempt may take; a hung hook is interrupted and the attempt fails.")
            .define(
                    "dispatch.retry.max-attempts",
                    INT,
                    5,
                    ConfigValidators.atLeast(1),
                    MEDIUM,
                    "Attempts before an invocation is dead-lettered as hook-failed; 1 is no retry.")
            .define(
                    "dispatch.retry.initial-backoff",
                    STRING,
                    "200ms",
                    ConfigValidators.duration(),
                    LOW,
                    "The delay before the first retry; it doubles, with jitter, up to dispatch.retry.max-backoff.")
            .define(
                    "dispatch.retry.max-backoff",
                    STRING,
                    "30s",
                    ConfigValidators.duration(),
                    LOW,
                    "The longest delay between attempts.")
            .define(
                    "dispatch.dedup-window",
                    STRING,
                    "0ms",
                    ConfigValidators.duration(),
                    LOW,
                    "Skips an event id the hook finished within this window; 0 is off.")
            .define(
                    "dispatch.group-protocol",
                    STRING,
                    "classic",
                    ConfigValidators.oneOf("classic", "consumer"),
                    MEDIUM,
                    "The hooks' consumer group protocol: classic takes its session from session.timeout.ms, "
                            + "consumer (KIP-848) from the broker's group.consumer.session.timeout.ms.")
            .define(
                    "embedded.port",
                    INT,
                    9092,
                    ConfigValidators.port(),
                    MEDIUM,
                    "Port of the embedded broker; 0 picks a free one.")
            .define(
                    "management.enabled",
                    STRING,
                    "true",
                    ConfigValidators.oneOf("true", "false"),
                    MEDIUM,
                    "Whether run and demo serve /metrics, /health/live and /health/ready.")
            .define(
                    "management.host",
                    STRING,
                    "0.0.0.0",
                    ConfigValidators.listenAddress(),
                    MEDIUM,
                    "The address the management endpoint listens on.")
            .define(
                    "management.port",
                    INT,
                    9464,
                    ConfigValidators.port(),
                    MEDIUM,
                    "The management endpoint's port; 0 picks a free one.")
            .define(
                    "management.unavailable-grace",
                    STRING,
                    "10s",
                    ConfigValidators.positiveDuration("10s"),
                    MEDIUM,
                    "How long partitions the instance needs may have no leader before /health/ready says 503.")
            .define(
                    "logging.format",
                    STRING,
                    "text",
                    ConfigValidators.oneOf("text", "json"),
                    LOW,
                    "text for people, json for one JSON object per line.")
            .define(
                    "logging.level",
                    STRING,
                    "INFO",
                    ConfigValidators.oneOf("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
                    LOW,
                    "The level of Chat Hooks' own loggers (dev.chathooks); other libraries log at WARN.");

    private ConfigKeys() {}

    /** Whether {@code key} is under one of Chat Hooks' prefixes (and so never a Kafka property). */
    static boolean isOwn(String key) {
        return OWN_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** The defined keys that start like {@code key} does (up to its first dot), for "valid keys are" messages. */
    static String validKeysLike(String key) {
        String prefix = key.substring(0, key.indexOf('.') + 1);
        TreeSet<String> valid = new TreeSet<>();
        DEFINITION.names().stream().filter(name -> name.startsWith(prefix)).forEach(valid::add);
        return String.join(", ", valid);
    }

    /** The defaults, as strings. */
    static Map<String, String> defaults() {
        Map<String, String> defaults = new java.util.TreeMap<>();
        DEFINITION.configKeys().forEach((name, key) -> {
            if (key.defaultValue != null) {
                defaults.put(name, ConfigDef.convertToString(key.defaultValue, key.type));
            }
        });
        return defaults;
    }

    /**
     * {@code text} as {@code name}'s type: checked here rather than by {@link ConfigDef#parse}, whose message for a
     * number that is not one does not say what would be valid.
     */
    static Object parse(String name, ConfigDef.ConfigKey key, String text) {
        if (key.type == INT) {
            return parseInt(name, text);
        }
        if (key.type == LONG) {
            return parseLong(name, text);
        }
        return ConfigDef.parseType(name, text, key.type);
    }

    static int parseInt(String name, String text) {
        long value = parseLong(name, text);
        if (value != (int) value) {
            throw new ConfigException(
                    name + " is '" + text + "'; it must be a whole number up to " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    static long parseLong(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new ConfigException(name + " is '" + text + "'; it must be a whole number");
        }
    }
}

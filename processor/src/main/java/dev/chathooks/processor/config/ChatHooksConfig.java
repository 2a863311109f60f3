package dev.chathooks.processor.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The processor's configuration in one validated form: every key given (from the file, the environment and
 * {@code --set}) over the defaults, with Chat Hooks' own keys checked and typed, and every other key passed through
 * to the Kafka clients and Kafka Streams.
 *
 * <p>Chat Hooks' own keys are defined in {@code ConfigKeys} (Kafka's {@code ConfigDef}); an unknown key under one of
 * their prefixes is an error that lists the valid keys, so that a typo is never ignored. The keys that name a hook
 * ({@code hook.<name>.*}, {@code dispatch.hook.<name>.*}, {@code instances.<name>}) are checked for shape and value
 * here, and for naming a hook that runs by {@link #requireHooks}, once the hooks are loaded and before anything
 * starts.
 */
public final class ChatHooksConfig {
    private final Map<String, String> values;
    private final Map<String, Object> parsed;

    private ChatHooksConfig(Map<String, String> values, Map<String, Object> parsed) {
        this.values = values;
        this.parsed = parsed;
    }

    /**
     * The configuration from {@code values} over the defaults.
     *
     * @throws ConfigException if a Chat Hooks key is unknown or has an invalid value
     */
    public static ChatHooksConfig of(Map<String, String> values) {
        Map<String, String> merged = new TreeMap<>(ConfigKeys.defaults());
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (HookKeys.isHookKey(key)) {
                HookKeys.check(key, entry.getValue());
            } else if (ConfigKeys.isOwn(key) && !ConfigKeys.DEFINITION.names().contains(key)) {
                throw new ConfigException("Unknown configuration key " + key + "; valid keys with that prefix are "
                        + ConfigKeys.validKeysLike(key));
            }
            merged.put(key, entry.getValue());
        }
        Map<String, String> own = new TreeMap<>();
        ConfigKeys.DEFINITION.configKeys().forEach((name, key) -> {
            String text = merged.get(name);
            if (text != null) {
                own.put(
                        name,
                        key.type == ConfigDef.Type.INT || key.type == ConfigDef.Type.LONG
                                ? ConfigKeys.parse(name, key, text).toString()
                                : text.trim());
            }
        });
        Map<String, Object> parsed;
        try {
            parsed = ConfigKeys.DEFINITION.parse(own);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException(e.getMessage());
        }
        HookKeys.checkBackoffs(merged);
        if ((Integer) parsed.get("topics.min-insync-replicas") > (Integer) parsed.get("topics.replication-factor")) {
            throw new ConfigException("topics.min-insync-replicas=" + parsed.get("topics.min-insync-replicas")
                    + " is larger than topics.replication-factor=" + parsed.get("topics.replication-factor")
                    + ": no write could succeed. Use at most the replication factor.");
        }
        return new ChatHooksConfig(Collections.unmodifiableMap(merged), Collections.unmodifiableMap(parsed));
    }

    /** The defaults alone. */
    public static ChatHooksConfig defaultConfig() {
        return of(Map.of());
    }

    /**
     * The instances declared with {@code instances.<name>=<hook>}: instance name to the name of the hook it runs
     * another instance of. Whether that hook exists is checked where the hooks are loaded.
     */
    public Map<String, String> instances() {
        return HookKeys.instances(values);
    }

    /**
     * Checks that every {@code hook.<name>.*} and {@code dispatch.hook.<name>.*} key names a hook that runs: a typo
     * in a hook's name would otherwise configure nothing, in silence.
     *
     * @param running the names of the hooks and instances that will run
     * @throws ConfigException naming the key and the hooks that run
     */
    public void requireHooks(Collection<String> running) {
        HookKeys.requireHooks(values, running);
    }

    /** Every key and value, defaults included. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The value of {@code key}, empty when it is not set and has no default. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The Kafka application id: the consumer group of the topology and the prefix of internal topics. */
    public String applicationId() {
        return (String) parsed.get("application.id");
    }

    /** The Kafka cluster to join, empty when none is configured (the CLI then starts an embedded broker). */
    public Optional<String> bootstrapServers() {
        return get("bootstrap.servers").filter(s -> !s.isBlank());
    }

    /** The topic names. */
    public Topics topics() {
        return new Topics(
                values.get("topics.conversations"),
                values.get("topics.messages"),
                values.get("topics.typing"),
                values.get("topics.users"),
                values.get("topics.devices"),
                values.get("topics.dlq"),
                applicationId() + "-invocations");
    }

    /** Partitions of the topics the processor creates when they are missing. */
    public int topicPartitions() {
        return positiveInt("topics.partitions");
    }

    /** Replicas per partition of the topics created ({@code topics.replication-factor}), before any capping. */
    public int replicationFactor() {
        return positiveInt("topics.replication-factor");
    }

    /** {@code min.insync.replicas} of the topics created ({@code topics.min-insync-replicas}), before any capping. */
    public int minInsyncReplicas() {
        return positiveInt("topics.min-insync-replicas");
    }

    /** Whether a topic replicated less than configured stops the start ({@code topics.replication-check=fail}). */
    public boolean replicationCheckFails() {
        return "fail".equals(((String) own("topics.replication-check")).trim());
    }

    /** The typing coalescing window; zero means one call per {@code begin} event. */
    public Duration typingCoalesceWindow() {
        return duration("typing.coalesce-window");
    }

    /** How long a message may wait for late conversation events; zero means it is joined at once. */
    public Duration joinGrace() {
        return duration("join.grace");
    }

    /**
     * How long a message or typing event whose conversation has no state yet waits for the creation or snapshot,
     * read from another topic, before it is dead-lettered; zero means at once.
     */
    public Duration unknownConversationWait() {
        return duration("join.unknown-conversation.wait");
    }

    /** How far back conversation state is kept for joining messages as of their timestamps. */
    public Duration historyRetention() {
        return duration("state.history-retention");
    }

    /**
     * The bound of the memory of the instance's state stores outside the heap, in bytes
     * ({@code state.rocksdb.max-memory-bytes}); 0 for Kafka Streams' own unbounded defaults.
     */
    public long rocksDbMaxMemoryBytes() {
        return (Long) own("state.rocksdb.max-memory-bytes");
    }

    /** The largest input record accepted, in bytes; larger ones are dead-lettered as {@code too-large}. */
    public int maxRecordBytes() {
        return positiveInt("input.max-record-bytes");
    }

    /** The hooks' consumer group protocol: {@code classic} or {@code consumer} (KIP-848). */
    public String hookGroupProtocol() {
        return ((String) own("dispatch.group-protocol")).trim();
    }

    /** The port of the embedded broker. */
    public int embeddedPort() {
        return (Integer) parsed.get("embedded.port");
    }

    /**
     * The management endpoint's settings: {@code management.enabled}, {@code management.host} (the address to
     * listen on) and {@code management.port} (0 for any free one).
     */
    public Management management() {
        return new Management(
                Boolean.parseBoolean(((String) own("management.enabled")).trim()),
                ((String) own("management.host")).trim(),
                (Integer) parsed.get("management.port"));
    }

    /** How log lines are written: {@code text} (for people) or {@code json} (one JSON object per line). */
    public String loggingFormat() {
        return ((String) own("logging.format")).trim();
    }

    /** The level of Chat Hooks' own loggers: {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}. */
    public String loggingLevel() {
        return ((String) own("logging.level")).trim();
    }

    /** The management endpoint's settings; see {@link #management()}. */
    public record Management(boolean enabled, String host, int port) {}

    /**
     * The value of one of Chat Hooks' duration keys (validated when the configuration was made).
     *
     * @throws IllegalArgumentException if {@code key} is not one of them
     */
    public Duration duration(String key) {
        return Durations.require(key, (String) own(key));
    }

    /**
     * The value of one of Chat Hooks' whole-number keys (validated when the configuration was made).
     *
     * @throws IllegalArgumentException if {@code key} is not one of them
     */
    public int positiveInt(String key) {
        return (Integer) own(key);
    }

    private Object own(String key) {
        if (!parsed.containsKey(key)) {
            throw new IllegalArgumentException(key + " is not one of Chat Hooks' keys");
        }
        return parsed.get(key);
    }

    /**
     * The keys that are not under Chat Hooks' prefixes nor hooks': Kafka client and Streams properties, with
     * {@code application.id} and {@code bootstrap.servers}, which are both.
     */
    public Properties kafkaProperties() {
        Properties properties = new Properties();
        values.forEach((key, value) -> {
            if (!ConfigKeys.isOwn(key)) {
                properties.put(key, value);
            }
        });
        return properties;
    }

    /** A copy with {@code key} set to {@code value}. */
    public ChatHooksConfig with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return of(copy);
    }

    /** The topic names the processor reads and writes. */
    public record Topics(
            String conversations,
            String messages,
            String typing,
            String users,
            String devices,
            String deadLetters,
            String invocations) {
        /**
         * The distinct conversation-keyed input topics, which must be co-partitioned: one in the one-topic layout
         * (all three keys name the same topic), up to three otherwise.
         */
        public List<String> conversationKeyed() {
            return List.of(conversations, messages, typing).stream().distinct().toList();
        }

        /** Whether every conversation-keyed event is on one topic, so that Kafka keeps their order. */
        public boolean oneTopicLayout() {
            return conversationKeyed().size() == 1;
        }
    }
}

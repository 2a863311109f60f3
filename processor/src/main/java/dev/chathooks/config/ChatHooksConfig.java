package dev.chathooks.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The processor's configuration: a flat map of keys, with Chat Hooks' own keys read and checked here and every
 * other key passed through to the Kafka clients and Kafka Streams.
 *
 * <p>Chat Hooks' own keys live under the prefixes of {@link #OWN_PREFIXES}; an unknown key under one of them is
 * an error that lists the valid keys (a typo should not be silently ignored). {@code hook.<name>.*} keys belong to
 * the hooks and are handed to them as they are.
 */
public final class ChatHooksConfig {
    /** Prefixes of Chat Hooks' own keys; any other key is a Kafka property. */
    public static final List<String> OWN_PREFIXES =
            List.of("topics.", "typing.", "join.", "state.", "input.", "dispatch.", "embedded.", "management.",
                    "logging.");

    private static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private ChatHooksConfig(Map<String, String> values) {
        this.values = values;
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("application.id", "chat-hooks");
        defaults.put("topics.conversations", "chat.conversations");
        defaults.put("topics.messages", "chat.messages");
        defaults.put("topics.typing", "chat.typing");
        defaults.put("topics.users", "chat.users");
        defaults.put("topics.devices", "chat.devices");
        defaults.put("topics.dlq", "chat-hooks.dlq");
        defaults.put("topics.partitions", "6");
        defaults.put("typing.coalesce-window", "0ms");
        defaults.put("join.grace", "0ms");
        defaults.put("state.history-retention", "1d");
        defaults.put("input.max-record-bytes", "262144");
        defaults.put("dispatch.max-in-flight", "256");
        defaults.put("dispatch.timeout", "30s");
        defaults.put("dispatch.retry.max-attempts", "5");
        defaults.put("dispatch.retry.initial-backoff", "200ms");
        defaults.put("dispatch.retry.max-backoff", "30s");
        defaults.put("dispatch.dedup-window", "0ms");
        defaults.put("embedded.port", "9092");
        defaults.put("management.enabled", "true");
        defaults.put("management.host", "0.0.0.0");
        defaults.put("management.port", "9464");
        defaults.put("logging.format", "text");
        return Collections.unmodifiableMap(defaults);
    }

    /**
     * The configuration from {@code values} over the defaults.
     *
     * @throws ConfigException if a Chat Hooks key is unknown or has an invalid value
     */
    public static ChatHooksConfig of(Map<String, String> values) {
        Map<String, String> merged = new TreeMap<>(DEFAULTS);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (isOwn(key) && !DEFAULTS.containsKey(key) && !key.startsWith("dispatch.hook.")) {
                throw new ConfigException("Unknown configuration key " + key + "; valid keys with that prefix are "
                        + validKeysLike(key));
            }
            merged.put(key, entry.getValue());
        }
        ChatHooksConfig config = new ChatHooksConfig(Collections.unmodifiableMap(merged));
        config.validate();
        return config;
    }

    /** The defaults alone. */
    public static ChatHooksConfig defaultConfig() {
        return of(Map.of());
    }

    private static boolean isOwn(String key) {
        return OWN_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static String validKeysLike(String key) {
        String prefix = key.substring(0, key.indexOf('.') + 1);
        TreeSet<String> valid = new TreeSet<>();
        DEFAULTS.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(valid::add);
        return String.join(", ", valid);
    }

    private void validate() {
        topicPartitions();
        typingCoalesceWindow();
        joinGrace();
        historyRetention();
        maxRecordBytes();
        positiveInt("dispatch.max-in-flight");
        positiveInt("dispatch.retry.max-attempts");
        duration("dispatch.timeout");
        duration("dispatch.retry.initial-backoff");
        duration("dispatch.retry.max-backoff");
        duration("dispatch.dedup-window");
        embeddedPort();
        management();
        loggingFormat();
        applicationId();
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
        String id = values.get("application.id");
        if (id == null || !id.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException("application.id is '" + id + "'; use letters, digits, '.', '_' and '-'");
        }
        return id;
    }

    /** The Kafka cluster to join, empty when none is configured (the CLI then starts an embedded broker). */
    public Optional<String> bootstrapServers() {
        return get("bootstrap.servers").filter(s -> !s.isBlank());
    }

    /** The topic names. */
    public Topics topics() {
        return new Topics(values.get("topics.conversations"), values.get("topics.messages"),
                values.get("topics.typing"), values.get("topics.users"), values.get("topics.devices"),
                values.get("topics.dlq"), applicationId() + "-invocations");
    }

    /** Partitions of the topics the processor creates when they are missing. */
    public int topicPartitions() {
        return positiveInt("topics.partitions");
    }

    /** The typing coalescing window; zero means one call per {@code begin} event. */
    public Duration typingCoalesceWindow() {
        return duration("typing.coalesce-window");
    }

    /** How long a message may wait for late conversation events; zero means it is joined at once. */
    public Duration joinGrace() {
        return duration("join.grace");
    }

    /** How far back conversation state is kept for joining messages as of their timestamps. */
    public Duration historyRetention() {
        Duration retention = duration("state.history-retention");
        if (retention.isZero()) {
            throw new ConfigException("state.history-retention must be more than 0, such as 1d");
        }
        return retention;
    }

    /** The largest input record accepted, in bytes; larger ones are dead-lettered as {@code too-large}. */
    public int maxRecordBytes() {
        return positiveInt("input.max-record-bytes");
    }

    /** The port of the embedded broker. */
    public int embeddedPort() {
        int port = intValue("embedded.port");
        if (port < 0 || port > 65535) {
            throw new ConfigException("embedded.port is " + port + "; it must be a port from 0 (any free one) to 65535");
        }
        return port;
    }

    /**
     * The management endpoint's settings: {@code management.enabled} ({@code true} or {@code false}),
     * {@code management.host} (the address to listen on) and {@code management.port} (0 for any free one).
     */
    public Management management() {
        String enabled = values.get("management.enabled").trim();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new ConfigException("management.enabled is '" + enabled + "'; it must be true or false");
        }
        String host = values.get("management.host").trim();
        if (host.isEmpty()) {
            throw new ConfigException("management.host is empty; give an address to listen on, such as 0.0.0.0 "
                    + "(every interface) or 127.0.0.1 (this machine only)");
        }
        int port = intValue("management.port");
        if (port < 0 || port > 65535) {
            throw new ConfigException("management.port is " + port
                    + "; it must be a port from 0 (any free one) to 65535");
        }
        return new Management(Boolean.parseBoolean(enabled), host, port);
    }

    /** How log lines are written: {@code text} (for people) or {@code json} (one JSON object per line). */
    public String loggingFormat() {
        String format = values.get("logging.format").trim();
        if (!format.equals("text") && !format.equals("json")) {
            throw new ConfigException("logging.format is '" + format + "'; it must be text or json");
        }
        return format;
    }

    /** The management endpoint's settings; see {@link #management()}. */
    public record Management(boolean enabled, String host, int port) {
    }

    /** The value of a duration key. */
    public Duration duration(String key) {
        return Durations.require(key, values.get(key));
    }

    /** The value of an int key that must be at least 1. */
    public int positiveInt(String key) {
        int value = intValue(key);
        if (value < 1) {
            throw new ConfigException(key + " is " + value + "; it must be at least 1");
        }
        return value;
    }

    private int intValue(String key) {
        String text = values.get(key);
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new ConfigException(key + " is '" + text + "'; it must be a whole number");
        }
    }

    /** The keys that are not Chat Hooks' own nor hooks': Kafka client and Streams properties. */
    public Properties kafkaProperties() {
        Properties properties = new Properties();
        values.forEach((key, value) -> {
            if (!isOwn(key) && !key.startsWith("hook.")) {
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
    public record Topics(String conversations, String messages, String typing, String users, String devices,
                         String deadLetters, String invocations) {
        /** The conversation-keyed input topics, which must be co-partitioned. */
        public List<String> conversationKeyed() {
            return List.of(conversations, messages, typing);
        }
    }
}

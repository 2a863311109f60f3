package dev.chathooks.processor.config;

import java.time.Duration;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The checks of Chat Hooks' own keys, for {@link ConfigKeys}. Each throws this package's {@link ConfigException}
 * (not Kafka's), with a sentence that names the key as given, its value and what would be valid; they are also
 * run on {@code dispatch.hook.<name>.<key>}, under that full name.
 */
final class ConfigValidators {
    private ConfigValidators() {}

    /**
     * A whole number of at least {@code min}, for {@code INT} and {@code LONG} keys (the value is parsed by
     * {@link ConfigKeys#parse} before).
     */
    static ConfigDef.Validator atLeast(long min) {
        return (name, value) -> {
            if (((Number) value).longValue() < min) {
                throw new ConfigException(name + " is " + value + "; it must be at least " + min);
            }
        };
    }

    /** A TCP port, or 0 for any free one. */
    static ConfigDef.Validator port() {
        return (name, value) -> {
            int port = (Integer) value;
            if (port < 0 || port > 65535) {
                throw new ConfigException(name + " is " + port + "; it must be a port from 0 (any free one) to 65535");
            }
        };
    }

    /** A duration, zero allowed (a feature that is off). */
    static ConfigDef.Validator duration() {
        return (name, value) -> Durations.require(name, (String) value);
    }

    /** A duration longer than zero; {@code example} is a sensible value to suggest. */
    static ConfigDef.Validator positiveDuration(String example) {
        return (name, value) -> {
            Duration duration = Durations.require(name, (String) value);
            if (duration.isZero()) {
                throw new ConfigException(name + " must be more than 0, such as " + example);
            }
        };
    }

    /** A Kafka group id and topic-name prefix. */
    static ConfigDef.Validator applicationId() {
        return (name, value) -> {
            String id = (String) value;
            if (id == null || !id.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException(name + " is '" + id + "'; use letters, digits, '.', '_' and '-'");
            }
        };
    }

    /** One of {@code choices}, written exactly so. */
    static ConfigDef.Validator oneOf(String... choices) {
        return (name, value) -> {
            String given = ((String) value).trim();
            if (!java.util.List.of(choices).contains(given)) {
                throw new ConfigException(name + " is '" + given + "'; it must be " + String.join(" or ", choices));
            }
        };
    }

    /** An address to listen on. */
    static ConfigDef.Validator listenAddress() {
        return (name, value) -> {
            if (((String) value).trim().isEmpty()) {
                throw new ConfigException(name + " is empty; give an address to listen on, such as 0.0.0.0 "
                        + "(every interface) or 127.0.0.1 (this machine only)");
            }
        };
    }
}

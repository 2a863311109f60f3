package dev.chathooks.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hook's configuration: the {@code hook.<name>.*} keys from the config file, the environment and
 * {@code --set}, with the {@code hook.<name>.} prefix removed. Every accessor that fails throws a
 * {@link HookConfigException} naming the full key and what would be valid.
 *
 * <p>It remembers which keys were asked for ({@link #keysRead()}): when {@link Hook#start(HookContext)} returns, the
 * processor refuses a key that is set but was never read, naming the keys the hook did read, so that a misspelt key
 * is an error rather than a setting ignored in silence. Safe for use by several threads.
 */
public final class HookConfig {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String hookName;
    private final Map<String, String> values;
    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private volatile boolean allRead;

    /**
     * @param hookName the hook's name, used to name full keys in errors
     * @param values the keys without the {@code hook.<name>.} prefix, and their values
     */
    public HookConfig(String hookName, Map<String, String> values) {
        this.hookName = Objects.requireNonNull(hookName, "hookName is null");
        this.values = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(values, "values is null")));
    }

    /**
     * Every key (prefix removed) and its value, sorted by key. A hook that calls it counts as reading every key: it
     * then checks for keys it does not know itself.
     */
    public Map<String, String> asMap() {
        allRead = true;
        return values;
    }

    /**
     * The keys (prefix removed) asked for so far through any accessor, whether set or not, sorted; every key set,
     * too, once {@link #asMap()} was called.
     *
     * @return a copy, unmodifiable
     */
    public Set<String> keysRead() {
        Set<String> keys = new TreeSet<>(read);
        if (allRead) {
            keys.addAll(values.keySet());
        }
        return Collections.unmodifiableSet(keys);
    }

    /** The full key for {@code key}: {@code hook.<name>.<key>}. */
    public String fullKey(String key) {
        return "hook." + hookName + "." + key;
    }

    /** The value of {@code key}, empty when it is not set or blank. */
    public Optional<String> get(String key) {
        read.add(key);
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The value of {@code key}, or {@code fallback} when it is not set. */
    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /**
     * The value of {@code key}.
     *
     * @param what what the value is, for the error, such as "the path of the APNs .p8 key file"
     * @throws HookConfigException if it is not set
     */
    public String require(String key, String what) {
        return get(key).orElseThrow(() -> new HookConfigException(fullKey(key), "is required: set it to " + what));
    }

    /**
     * The value of {@code key}, which must be one of {@code allowed}; {@code fallback} when it is not set.
     *
     * @throws HookConfigException if it is set to anything else
     */
    public String oneOf(String key, String fallback, String... allowed) {
        String value = get(key, fallback);
        if (!Arrays.asList(allowed).contains(value)) {
            throw new HookConfigException(
                    fullKey(key), "is '" + value + "'; valid values are " + String.join(", ", allowed));
        }
        return value;
    }

    /**
     * The value of {@code key} as an int at least {@code min}; {@code fallback} when it is not set.
     *
     * @throws HookConfigException if it is not a whole number of at least {@code min}
     */
    public int getInt(String key, int fallback, int min) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HookConfigException(
                fullKey(key), "is '" + value.get() + "'; it must be a whole number of at least " + min);
    }

    /**
     * The value of {@code key} as a boolean ({@code true} or {@code false}); {@code fallback} when it is not set.
     *
     * @throws HookConfigException if it is anything else
     */
    public boolean getBoolean(String key, boolean fallback) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new HookConfigException(fullKey(key), "is '" + value.get() + "'; it must be true or false");
        }
    }

    /**
     * The value of {@code key} as a duration: a whole number with a unit ({@code 250ms}, {@code 10s}, {@code 5m},
     * {@code 1h}, {@code 1d}) or ISO-8601 ({@code PT10S}); {@code fallback} when it is not set.
     *
     * @throws HookConfigException if it is neither, or negative
     */
    public Duration getDuration(String key, Duration fallback) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        Optional<Duration> parsed = parseDuration(value.get());
        return parsed.orElseThrow(() -> new HookConfigException(
                fullKey(key), "is '" + value.get() + "'; it must be a duration such as 250ms, 10s, 5m, 1h or PT10S"));
    }

    /**
     * Parses a duration as Chat Hooks configuration writes them: a whole number with a unit ({@code 250ms},
     * {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}) or ISO-8601 ({@code PT10S}).
     *
     * @return the duration, empty if the text is neither or is negative
     */
    public static Optional<Duration> parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            switch (matcher.group(2)) {
                case "ms":
                    return Optional.of(Duration.ofMillis(amount));
                case "s":
                    return Optional.of(Duration.ofSeconds(amount));
                case "m":
                    return Optional.of(Duration.ofMinutes(amount));
                case "h":
                    return Optional.of(Duration.ofHours(amount));
                default:
                    return Optional.of(Duration.ofDays(amount));
            }
        }
        try {
            Duration duration = Duration.parse(text.trim());
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The hook name and the keys, never the values (they may hold credentials). */
    @Override
    public String toString() {
        return "HookConfig{hook=" + hookName + ", keys=" + values.keySet() + "}";
    }
}

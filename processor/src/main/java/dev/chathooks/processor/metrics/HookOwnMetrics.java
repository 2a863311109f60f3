package dev.chathooks.processor.metrics;

import dev.chathooks.api.HookMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@link HookMetrics} over the process's registry: a hook's own counters and timers, each with a {@code hook}
 * label. The rules on names and tags are {@link HookMetrics}'s; breaking one is the hook author's mistake and is
 * told to them at once, with what would be valid.
 */
final class HookOwnMetrics implements HookMetrics {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final String DESCRIPTION = "Counted by the hook named in the hook label; see its documentation";

    private final MeterRegistry registry;
    private final String hook;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    HookOwnMetrics(MeterRegistry registry, String hook) {
        this.registry = registry;
        this.hook = hook;
    }

    /** A meter's identity: its name and tags as given. */
    private record Key(String name, String[] tags) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && name.equals(key.name) && Arrays.equals(tags, key.tags);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(tags);
        }
    }

    @Override
    public Counter counter(String name, String... tags) {
        return cached(counters, name, tags, checked -> {
            io.micrometer.core.instrument.Counter counter = register(
                    name,
                    checked,
                    io.micrometer.core.instrument.Counter.class,
                    () -> io.micrometer.core.instrument.Counter.builder(name)
                            .description(DESCRIPTION)
                            .tags(checked)
                            .register(registry));
            return new Counter() {
                @Override
                public void increment() {
                    counter.increment();
                }

                @Override
                public void add(long amount) {
                    if (amount < 0) {
                        throw new IllegalArgumentException(
                                "counter " + name + " cannot go down (added " + amount + ")");
                    }
                    counter.increment(amount);
                }
            };
        });
    }

    @Override
    public Timer timer(String name, String... tags) {
        return cached(timers, name, tags, checked -> {
            io.micrometer.core.instrument.Timer timer = register(
                    name,
                    checked,
                    io.micrometer.core.instrument.Timer.class,
                    () -> MetricNames.histogram(name)
                            .description(DESCRIPTION)
                            .tags(checked)
                            .register(registry));
            return duration -> {
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("timer " + name + " was given a negative duration " + duration);
                }
                timer.record(duration);
            };
        });
    }

    /**
     * The meter already made for {@code name} and {@code tags}, or one {@code make} makes from the checked tags.
     * A hook that asks for its meter on every call finds it without the checks or any registry lookup.
     */
    private <T> T cached(Map<Key, T> made, String name, String[] tags, Function<Tags, T> make) {
        Key key = new Key(name, tags.clone());
        T known = made.get(key);
        if (known != null) {
            return known;
        }
        Tags checked = tags(name, tags);
        return made.computeIfAbsent(key, k -> make.apply(checked));
    }

    /**
     * Registers a meter, unless its name is taken by a meter of another type or other tag keys: Prometheus cannot
     * show those under one name, and the registry would leave the new one out without a word.
     */
    private <T extends Meter> T register(String name, Tags tags, Class<T> type, Supplier<T> registration) {
        synchronized (registry) { // checked and registered at once, across the hooks sharing the registry
            return checkAndRegister(name, tags, type, registration);
        }
    }

    private <T extends Meter> T checkAndRegister(String name, Tags tags, Class<T> type, Supplier<T> registration) {
        Set<String> keys = new TreeSet<>();
        tags.forEach(tag -> keys.add(tag.getKey()));
        for (Meter existing : registry.find(name).meters()) {
            Set<String> existingKeys = new TreeSet<>();
            existing.getId().getTags().forEach(tag -> existingKeys.add(tag.getKey()));
            if (!type.isInstance(existing) || !existingKeys.equals(keys)) {
                throw new IllegalArgumentException("hook '" + hook + "' cannot use metric " + name + " with tag keys "
                        + keys + ": it is already a "
                        + existing.getId().getType().name().toLowerCase(Locale.ROOT)
                        + " with tag keys " + existingKeys + "; one name always takes the same tag keys and is "
                        + "either a counter or a timer");
            }
        }
        return registration.get();
    }

    private Tags tags(String name, String[] tags) {
        Objects.requireNonNull(name, "name is null");
        if (!NAME.matcher(name).matches() || name.startsWith(MetricNames.RESERVED_PREFIX)) {
            throw new IllegalArgumentException("metric name '" + name + "' of hook '" + hook + "' is not valid: use "
                    + "lower case letters, digits and '_', starting with a letter and not with '"
                    + MetricNames.RESERVED_PREFIX + "', such as " + hook.replace('-', '_') + "_sent");
        }
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("metric " + name + " of hook '" + hook + "' was given " + tags.length
                    + " tag strings; give key, value pairs");
        }
        Tags result = Tags.of("hook", hook);
        for (int i = 0; i < tags.length; i += 2) {
            String key = tags[i];
            String value = tags[i + 1];
            if (key == null || !NAME.matcher(key).matches() || key.equals("hook")) {
                throw new IllegalArgumentException("tag key '" + key + "' of metric " + name + " is not valid: use "
                        + "lower case letters, digits and '_', starting with a letter; 'hook' is set by the processor");
            }
            if (value == null) {
                throw new IllegalArgumentException("tag " + key + " of metric " + name + " has no value");
            }
            result = result.and(key, value);
        }
        return result;
    }
}

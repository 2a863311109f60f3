package dev.chathooks.processor.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The keys that name a hook: {@code hook.<name>.<key>} (the hook's own), {@code dispatch.hook.<name>.<setting>}
 * (how it is dispatched) and {@code instances.<name>=<hook>} (another instance of a hook). Their shape and values
 * are checked with the rest of the configuration; whether the names are hooks that run is checked once the hooks
 * are loaded ({@link #requireHooks}).
 */
final class HookKeys {
    static final String HOOK_PREFIX = "hook.";
    static final String DISPATCH_PREFIX = "dispatch.hook.";
    static final String INSTANCE_PREFIX = "instances.";

    private HookKeys() {}

    /** Whether {@code key} is one of the hook-naming keys. */
    static boolean isHookKey(String key) {
        return key.startsWith(HOOK_PREFIX) || key.startsWith(DISPATCH_PREFIX) || key.startsWith(INSTANCE_PREFIX);
    }

    /**
     * Checks a hook-naming key's shape and, for dispatch settings, its value.
     *
     * @throws ConfigException naming the key and what would be valid
     */
    static void check(String key, String value) {
        if (key.startsWith(INSTANCE_PREFIX)) {
            String name = key.substring(INSTANCE_PREFIX.length());
            requireName(key, name, "instances.<name>=<hook>, such as instances.push-eu=push");
            if (value == null || !HookName.isValid(value.trim())) {
                throw new ConfigException(key + " is '" + value + "'; it must name the hook to run another instance"
                        + " of, such as " + key + "=push");
            }
            return;
        }
        boolean dispatch = key.startsWith(DISPATCH_PREFIX);
        String rest = key.substring((dispatch ? DISPATCH_PREFIX : HOOK_PREFIX).length());
        int dot = rest.indexOf('.');
        String example = dispatch
                ? "dispatch.hook.<name>.<setting>, such as dispatch.hook.push.timeout"
                : "hook.<name>.<key>, such as hook.push.mode";
        if (dot <= 0 || dot == rest.length() - 1) {
            throw new ConfigException(key + " names no hook key; write " + example);
        }
        requireName(key, rest.substring(0, dot), example);
        if (dispatch) {
            String setting = rest.substring(dot + 1);
            ConfigDef.ConfigKey definition = ConfigKeys.DEFINITION.configKeys().get("dispatch." + setting);
            if (!ConfigKeys.DISPATCH_SETTINGS.contains(setting)) {
                String prefix = DISPATCH_PREFIX + rest.substring(0, dot) + ".";
                throw new ConfigException("Unknown configuration key " + key + "; valid keys are " + prefix
                        + String.join(", " + prefix, new TreeSet<>(ConfigKeys.DISPATCH_SETTINGS)));
            }
            Object parsed = ConfigKeys.parse(key, definition, value);
            if (definition.validator != null) {
                definition.validator.ensureValid(key, parsed);
            }
        }
    }

    private static void requireName(String key, String name, String example) {
        if (!HookName.isValid(name)) {
            throw new ConfigException(
                    key + " names hook '" + name + "', but a hook name is " + HookName.RULE + "; write " + example);
        }
    }

    /** The hook that a {@code hook.} or {@code dispatch.hook.} key names (shape already checked), else null. */
    static String hookNamed(String key) {
        String rest;
        if (key.startsWith(DISPATCH_PREFIX)) {
            rest = key.substring(DISPATCH_PREFIX.length());
        } else if (key.startsWith(HOOK_PREFIX)) {
            rest = key.substring(HOOK_PREFIX.length());
        } else {
            return null;
        }
        return rest.substring(0, rest.indexOf('.'));
    }

    /** The declared instances: instance name to the name of the hook it runs. */
    static Map<String, String> instances(Map<String, String> values) {
        Map<String, String> instances = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(INSTANCE_PREFIX)) {
                instances.put(key.substring(INSTANCE_PREFIX.length()), value.trim());
            }
        });
        return instances;
    }

    /**
     * Checks that dispatch.retry.max-backoff is not less than dispatch.retry.initial-backoff, for every hook as a
     * whole and for each hook that sets either.
     */
    static void checkBackoffs(Map<String, String> values) {
        Set<String> hooks = new TreeSet<>();
        values.keySet().stream()
                .filter(key -> key.startsWith(DISPATCH_PREFIX))
                .map(HookKeys::hookNamed)
                .forEach(hooks::add);
        checkBackoff(values, "dispatch.");
        for (String hook : hooks) {
            checkBackoff(values, DISPATCH_PREFIX + hook + ".");
        }
    }

    private static void checkBackoff(Map<String, String> values, String prefix) {
        String initialKey = values.containsKey(prefix + "retry.initial-backoff")
                ? prefix + "retry.initial-backoff"
                : "dispatch.retry.initial-backoff";
        String maxKey = values.containsKey(prefix + "retry.max-backoff")
                ? prefix + "retry.max-backoff"
                : "dispatch.retry.max-backoff";
        Duration initial = Durations.require(initialKey, values.get(initialKey));
        Duration max = Durations.require(maxKey, values.get(maxKey));
        if (max.compareTo(initial) < 0) {
            throw new ConfigException(maxKey + " (" + values.get(maxKey) + ") must not be less than " + initialKey
                    + " (" + values.get(initialKey) + ")");
        }
    }

    /**
     * Checks that every {@code hook.<name>.*} and {@code dispatch.hook.<name>.*} key names a hook that runs.
     *
     * @param running the names of the hooks and instances that run
     * @throws ConfigException naming the first key that names another, and the hooks that run
     */
    static void requireHooks(Map<String, String> values, Collection<String> running) {
        for (String key : values.keySet()) {
            String hook = hookNamed(key);
            if (hook != null && !running.contains(hook)) {
                throw new ConfigException(key + " is for hook '" + hook + "', but no hook of that name runs; "
                        + (running.isEmpty()
                                ? "no hook is loaded: add one with --plugins PATH"
                                : "the hooks that run are " + String.join(", ", new TreeSet<>(running))
                                        + " (instances.<name>=<hook> adds another instance of one)"));
            }
        }
    }
}

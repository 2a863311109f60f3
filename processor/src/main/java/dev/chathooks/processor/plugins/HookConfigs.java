package dev.chathooks.processor.plugins;

import dev.chathooks.api.HookConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Cuts each hook's own configuration out of the processor's whole configuration. */
public final class HookConfigs {
    private HookConfigs() {}

    /**
     * The {@code hook.<hookName>.*} entries of {@code configuration}, with that prefix removed. Keys of other
     * hooks are left out, {@code hook.push-extra.x} included when the hook is {@code push}; so is the bare prefix
     * with nothing after it.
     *
     * @param hookName the hook's name, as {@link dev.chathooks.api.Hook#name()} returned it
     * @param configuration every configuration key and value, from the file, the environment and {@code --set}
     */
    public static HookConfig forHook(String hookName, Map<String, String> configuration) {
        Objects.requireNonNull(hookName, "hookName is null");
        Objects.requireNonNull(configuration, "configuration is null");
        String prefix = "hook." + hookName + ".";
        Map<String, String> own = new LinkedHashMap<>();
        configuration.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length() && value != null) {
                own.put(key.substring(prefix.length()), value);
            }
        });
        return new HookConfig(hookName, own);
    }
}

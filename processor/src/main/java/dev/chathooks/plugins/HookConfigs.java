package dev.chathooks.plugins;

import dev.chathooks.api.HookConfig;
import java.util.Map;
import java.util.TreeMap;

/** Placeholder until the plugin loader lands. */
public final class HookConfigs {
    private HookConfigs() {
    }

    public static HookConfig forHook(String name, Map<String, String> all) {
        String prefix = "hook." + name + ".";
        Map<String, String> mine = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                mine.put(k.substring(prefix.length()), v);
            }
        });
        return new HookConfig(name, mine);
    }
}

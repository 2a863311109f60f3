package dev.chathooks.processor.plugins;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.config.ConfigException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The hooks that run: every hook loaded, and another instance of a hook for each {@code instances.<name>=<hook>},
 * named {@code <name>} and configured under {@code hook.<name>.*} and {@code dispatch.hook.<name>.*} like any hook,
 * so with its own consumer group, lag, retries, dead letters and rewind.
 */
public final class HookInstances {
    private HookInstances() {}

    /**
     * The loaded hooks, then the declared instances in name order; checks that every key naming a hook names one of
     * them. Nothing of a hook is called but its constructor.
     *
     * @param loaded the hooks found, with unique names
     * @param config the configuration, whose {@code instances.*} keys declare instances
     * @throws ConfigException for an instance of a hook that is not loaded, an instance named like a hook, or a
     *                         {@code hook.<name>.*} or {@code dispatch.hook.<name>.*} key for a name that does not run
     * @throws PluginLoadException if a hook's class cannot be instantiated again
     */
    public static List<LoadedHook> resolve(List<LoadedHook> loaded, ChatHooksConfig config) {
        Map<String, LoadedHook> byName = new LinkedHashMap<>();
        loaded.forEach(hook -> byName.put(hook.name(), hook));
        List<LoadedHook> running = new ArrayList<>(loaded);
        for (Map.Entry<String, String> instance : config.instances().entrySet()) {
            String key = "instances." + instance.getKey();
            if (byName.containsKey(instance.getKey())) {
                throw new ConfigException(key + " names an instance like the hook '" + instance.getKey() + "' from "
                        + byName.get(instance.getKey()).origin() + "; give the instance another name (its name keys"
                        + " its configuration, consumer group and metrics)");
            }
            LoadedHook of = byName.get(instance.getValue());
            if (of == null) {
                throw new ConfigException(key + "=" + instance.getValue() + " asks for another instance of hook '"
                        + instance.getValue() + "', which is not loaded; "
                        + (byName.isEmpty()
                                ? "no hook is loaded (add one with --plugins PATH)"
                                : "the hooks found are " + String.join(", ", new TreeSet<>(byName.keySet()))));
            }
            running.add(another(of, instance.getKey(), key));
        }
        config.requireHooks(running.stream().map(LoadedHook::name).toList());
        return List.copyOf(running);
    }

    private static LoadedHook another(LoadedHook of, String name, String key) {
        try {
            return of.anotherInstance(name);
        } catch (InvocationTargetException e) {
            throw new PluginLoadException(List.of(
                    of.origin() + ": the constructor of " + of.hook().getClass().getName()
                            + " threw " + ProviderDiagnosis.summary(e.getCause()) + " when creating instance '" + name
                            + "' for " + key + ": a hook's constructor must be able to run more than once"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new PluginLoadException(List.of(of.origin() + ": "
                    + of.hook().getClass().getName()
                    + " cannot be created again for " + key + " (" + ProviderDiagnosis.summary(e) + "): give it a"
                    + " public no-argument constructor, as the plugins loaded from META-INF/services have"));
        }
    }
}

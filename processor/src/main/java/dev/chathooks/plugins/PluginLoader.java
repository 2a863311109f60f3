package dev.chathooks.plugins;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.ChatHook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Placeholder until the plugin loader lands: class path hooks only. */
public final class PluginLoader {
    private final ClassLoader host;

    public PluginLoader(ClassLoader host) {
        this.host = host;
    }

    public List<LoadedHook> load(List<Path> pluginPaths) {
        List<LoadedHook> hooks = new ArrayList<>();
        ServiceLoader.load(ChatHook.class, host).forEach(h -> hooks.add(LoadedHook.of(h, "class path")));
        ServiceLoader.load(AsyncChatHook.class, host).forEach(h -> hooks.add(LoadedHook.of(h, "class path")));
        return hooks;
    }
}

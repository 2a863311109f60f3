package dev.chathooks.processor.plugins;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Hook;
import dev.chathooks.api.HookKind;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A hook instance that {@link PluginLoader} created, with what the processor needs to call it: its name, where it
 * came from, its class loader, whether it is asynchronous, and the kinds of call it handles.
 *
 * <p>Every call into the hook (callbacks, {@code start}, {@code close}) should run inside
 * {@link #swapContextClassLoader()}, so that libraries inside the plugin see the plugin's class loader.
 */
public final class LoadedHook {
    private final Hook hook;
    private final String name;
    private final HookSource source;
    private final Set<HookKind> kinds;

    LoadedHook(Hook hook, String name, HookSource source, Set<HookKind> kinds) {
        this.hook = Objects.requireNonNull(hook, "hook is null");
        this.name = Objects.requireNonNull(name, "name is null");
        this.source = Objects.requireNonNull(source, "source is null");
        this.kinds = kinds.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    /**
     * A hook made in this process rather than found by the loader: for embedding Chat Hooks in an application
     * and for tests. Its name is {@link Hook#name()}, its kinds the callbacks its class overrides.
     */
    public static LoadedHook of(Hook hook) {
        return new LoadedHook(
                hook,
                hook.name(),
                HookSource.classPath(hook.getClass().getClassLoader()),
                HookCallbacks.overriddenKinds(hook.getClass()));
    }

    /**
     * Another instance of this hook's class, created through its public no-argument constructor with the hook's
     * class loader as the context class loader, and named {@code instanceName}: for
     * {@code instances.<name>=<hook>}. It has this hook's origin and callbacks.
     *
     * @throws ReflectiveOperationException if the class cannot be instantiated again
     */
    @SuppressWarnings("try") // the swap is held for its effect on the thread
    LoadedHook anotherInstance(String instanceName) throws ReflectiveOperationException {
        try (ContextClassLoaderSwap swap = swapContextClassLoader()) {
            Hook another = hook.getClass().getConstructor().newInstance();
            return new LoadedHook(another, instanceName, source, kinds);
        }
    }

    /** The hook instance, created once through its public no-argument constructor. */
    public Hook hook() {
        return hook;
    }

    /** The hook's name, as {@link Hook#name()} returned it when it was loaded; valid and unique among the hooks. */
    public String name() {
        return name;
    }

    /** The plugin path the hook was loaded from (as given, made absolute); empty for the host's class path. */
    public Optional<Path> pluginPath() {
        return source.path();
    }

    /** Where the hook came from, for messages: {@code plugin /opt/hooks/push} or {@code the class path}. */
    public String origin() {
        return source.describe();
    }

    /** The class loader of the hook's class: its plugin's own loader, or the host's. */
    public ClassLoader classLoader() {
        return source.loader();
    }

    /** Whether the hook is an {@link AsyncChatHook} (else a {@link ChatHook}). */
    public boolean async() {
        return hook instanceof AsyncChatHook;
    }

    /**
     * The hook as a {@link ChatHook}.
     *
     * @throws IllegalStateException if it is asynchronous
     */
    public ChatHook chatHook() {
        if (hook instanceof ChatHook) {
            return (ChatHook) hook;
        }
        throw new IllegalStateException("hook " + name + " is an AsyncChatHook");
    }

    /**
     * The hook as an {@link AsyncChatHook}.
     *
     * @throws IllegalStateException if it is blocking
     */
    public AsyncChatHook asyncChatHook() {
        if (hook instanceof AsyncChatHook) {
            return (AsyncChatHook) hook;
        }
        throw new IllegalStateException("hook " + name + " is a ChatHook");
    }

    /**
     * The kinds whose callback the hook's class overrides: the processor calls only these, and lists the hook as
     * reached only by these. Unmodifiable; empty for a hook that overrides no callback.
     */
    public Set<HookKind> kinds() {
        return kinds;
    }

    /** Whether the hook overrides the callback of {@code kind}. */
    public boolean handles(HookKind kind) {
        return kinds.contains(kind);
    }

    /**
     * Makes the hook's class loader the current thread's context class loader until the result is closed; open
     * and close it on the same thread, around each call into the hook.
     */
    public ContextClassLoaderSwap swapContextClassLoader() {
        return ContextClassLoaderSwap.to(source.loader());
    }

    /** The name, class and origin; never configuration or state. */
    @Override
    public String toString() {
        return "LoadedHook{name=" + name + ", class=" + hook.getClass().getName() + ", from " + origin() + "}";
    }
}

package dev.chathooks.plugins;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.Hook;
import dev.chathooks.api.HookKind;
import java.util.Set;

/** Placeholder until the plugin loader lands: a hook instance with its name, origin and handled kinds. */
public record LoadedHook(Hook hook, String name, String origin, ClassLoader classLoader, boolean async,
                         Set<HookKind> kinds) {
    /** A hook found on the class path. */
    public static LoadedHook of(Hook hook, String origin) {
        return new LoadedHook(hook, hook.name(), origin, hook.getClass().getClassLoader(),
                hook instanceof AsyncChatHook, Set.of(HookKind.values()));
    }

    /** Sets the hook's class loader as the thread's context class loader until closed. */
    public AutoCloseable swapContextClassLoader() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        return () -> thread.setContextClassLoader(previous);
    }
}

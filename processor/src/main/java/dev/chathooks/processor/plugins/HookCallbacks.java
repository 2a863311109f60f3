package dev.chathooks.processor.plugins;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Hook;
import dev.chathooks.api.HookKind;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Finds which callbacks a hook class overrides. The processor calls only those, so a hook that implements
 * {@code afterMessageSent} alone is never handed typing events, and is not listed as reached by them.
 */
final class HookCallbacks {
    private HookCallbacks() {}

    /**
     * The kinds whose callback {@code hookClass} (or one of its superclasses or interfaces other than
     * {@link ChatHook} and {@link AsyncChatHook}) implements.
     */
    static Set<HookKind> overriddenKinds(Class<? extends Hook> hookClass) {
        Class<?> api = AsyncChatHook.class.isAssignableFrom(hookClass) ? AsyncChatHook.class : ChatHook.class;
        Set<HookKind> kinds = EnumSet.noneOf(HookKind.class);
        for (HookKind kind : HookKind.values()) {
            Method declared = callback(api, kind);
            try {
                Method resolved = hookClass.getMethod(declared.getName(), declared.getParameterTypes());
                if (resolved.getDeclaringClass() != api) {
                    kinds.add(kind);
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(hookClass + " lacks " + declared + ", which its interface declares", e);
            }
        }
        return kinds;
    }

    /** The callback that {@code api} ({@link ChatHook} or {@link AsyncChatHook}) declares for {@code kind}. */
    static Method callback(Class<?> api, HookKind kind) {
        String name = methodName(kind);
        return Arrays.stream(api.getDeclaredMethods())
                .filter(method -> method.getName().equals(name) && !method.isSynthetic())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        api.getSimpleName() + " declares no " + name + " for " + kind.seedName()));
    }

    /** {@code after_message_sent} is {@code afterMessageSent}: the API names callbacks after the seed's hooks. */
    static String methodName(HookKind kind) {
        String[] words = kind.seedName().split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(words[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(words[i].substring(1));
        }
        return name.toString();
    }
}

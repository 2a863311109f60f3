package dev.chathooks.processor.dispatch;

import dev.chathooks.processor.config.ChatHooksConfig;

/** Names of the hooks' consumer groups. */
public final class HookGroups {
    private HookGroups() {}

    /**
     * The consumer group of a hook on the invocations topic: {@code <application.id>-hook-<name>}. Its offsets are
     * that hook's progress, and are rewound on their own.
     */
    public static String of(ChatHooksConfig config, String hookName) {
        return config.applicationId() + "-hook-" + hookName;
    }
}

package test.noctor;

import dev.chathooks.api.ChatHook;

/** Wants its configuration in the constructor. */
public final class ConfiguredHook implements ChatHook {
    private final String token;

    public ConfiguredHook(String token) {
        this.token = token;
    }
}

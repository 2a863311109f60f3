package dev.chathooks.api;

import java.util.Objects;

/**
 * A hook's configuration is wrong. The message names the full key ({@code hook.<name>.<key>}) and says what
 * would be valid; the processor prints it and does not start.
 */
public class HookConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the full configuration key at fault, such as {@code hook.push.mode}
     * @param message what is wrong and what would be valid, as a sentence
     */
    public HookConfigException(String key, String message) {
        super(Objects.requireNonNull(key, "key is null") + ": " + Objects.requireNonNull(message, "message is null"));
        this.key = key;
    }

    /** The full configuration key at fault. */
    public String key() {
        return key;
    }
}

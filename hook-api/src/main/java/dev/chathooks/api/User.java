package dev.chathooks.api;

import java.util.Map;
import java.util.Optional;

/**
 * A user record from {@code chat.users}. A user the processor has no record for is a {@code User} with its id
 * alone (see {@link #unknown(String)}).
 *
 * <p>Well-known fields: {@code username}, {@code name} and {@code push_enabled} (false: no push at all).
 */
public final class User extends ChatRecord {
    private User(Map<String, ?> fields) {
        super(fields);
    }

    /**
     * A user with the given fields.
     *
     * @throws IllegalArgumentException if there is no string {@code id} or a value is not JSON-shaped
     */
    public static User of(Map<String, ?> fields) {
        return new User(fields);
    }

    /** A user the processor has no record for: its id alone. */
    public static User unknown(String id) {
        return new User(Map.of("id", id));
    }

    /** The {@code username} field. */
    public Optional<String> username() {
        return getString("username");
    }

    /** The {@code name} field, the display name. */
    public Optional<String> name() {
        return getString("name");
    }

    /** The {@code push_enabled} flag: false means the user wants no push notifications. True when absent. */
    public boolean pushEnabled() {
        return getBoolean("push_enabled", true);
    }
}

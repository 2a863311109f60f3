package dev.chathooks.api;

import java.util.Map;
import java.util.Optional;

/**
 * A device that receives push notifications, one element of a {@code chat.devices} record.
 *
 * <p>Well-known fields: {@code id}, {@code platform} ({@code apns} or {@code fcm}), {@code token}, {@code topic}
 * (the APNs bundle id) and {@code sandbox} (APNs development environment). {@link #toString()} never shows the
 * token.
 */
public final class Device extends ChatRecord {
    private Device(Map<String, ?> fields) {
        super(fields);
    }

    /**
     * A device with the given fields.
     *
     * @throws IllegalArgumentException if there is no string {@code id} or a value is not JSON-shaped
     */
    public static Device of(Map<String, ?> fields) {
        return new Device(fields);
    }

    /** The {@code platform} field: {@code apns} or {@code fcm}. */
    public Optional<String> platform() {
        return getString("platform");
    }

    /** The push token. Secret: never log it. */
    public Optional<String> token() {
        return getString("token");
    }

    /** The {@code topic} field: the APNs bundle id this device's app has. */
    public Optional<String> topic() {
        return getString("topic");
    }

    /** The {@code sandbox} flag: true for the APNs development environment. False when absent. */
    public boolean sandbox() {
        return getBoolean("sandbox", false);
    }
}

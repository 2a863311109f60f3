package dev.chathooks.examples.push.devices;

import java.util.Objects;

/**
 * A device that can receive a notification: one checked element of a {@code chat.devices} record.
 * {@link #toString()} never shows the token.
 *
 * @param id the device's id
 * @param platform its push service
 * @param token its push token (a secret: never log it)
 * @param apnsTopic its APNs topic (bundle id), null when the record names none
 * @param sandbox true if it uses the APNs development server
 */
public record PushDevice(String id, Platform platform, String token, String apnsTopic, boolean sandbox) {
    public PushDevice {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(platform, "platform is null");
        Objects.requireNonNull(token, "token is null");
    }

    @Override
    public String toString() {
        return "PushDevice{id=" + id + ", platform=" + platform.wireName() + "}";
    }
}

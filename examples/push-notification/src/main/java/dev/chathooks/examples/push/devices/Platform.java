package dev.chathooks.examples.push.devices;

import java.util.Optional;

/** A push service, named as in a device's {@code platform} field. */
public enum Platform {
    /** Apple Push Notification service. */
    APNS("apns"),
    /** Firebase Cloud Messaging. */
    FCM("fcm");

    private final String wireName;

    Platform(String wireName) {
        this.wireName = wireName;
    }

    /** The name in device records, dry-run lines and feedback: {@code apns} or {@code fcm}. */
    public String wireName() {
        return wireName;
    }

    /** The platform a device's {@code platform} field names, empty if it names none. */
    public static Optional<Platform> fromWireName(String name) {
        for (Platform platform : values()) {
            if (platform.wireName.equals(name)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }
}

package dev.chathooks.examples.push.config;

/** What the push hook does with the notifications it computes. */
public enum Mode {
    /** Send them: APNs through Pushy, FCM through the Firebase Admin SDK. */
    SEND("send"),
    /** Write one JSON line per notification to a file or stdout, and send nothing. The default. */
    DRY_RUN("dry-run");

    private final String configValue;

    Mode(String configValue) {
        this.configValue = configValue;
    }

    /** The value of {@code hook.push.mode} that selects this mode. */
    public String configValue() {
        return configValue;
    }

    static Mode fromConfigValue(String value) {
        for (Mode mode : values()) {
            if (mode.configValue.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode " + value);
    }
}

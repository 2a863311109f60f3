package dev.chathooks.examples.webhook.config;

/** How {@code participants} are sent ({@code hook.<name>.participants}). */
public enum ParticipantsMode {
    /** Every participant's user record, as hooks in Java receive them. */
    RECORDS,
    /** Only the participants' ids: for very large conversations, whose records would make every request large. */
    IDS;

    /** The configuration value: {@code records} or {@code ids}. */
    public String configValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

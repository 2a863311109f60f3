package dev.chathooks.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A conversation record, as the chat server last sent it.
 *
 * <p>Well-known fields: {@code title}, {@code metadata}, {@code distinct_by_participants} and
 * {@code muted_user_ids} (users who muted the conversation). Membership is not part of the record: hooks receive
 * the participants as a separate argument.
 */
public final class Conversation extends ChatRecord {
    private Conversation(Map<String, ?> fields) {
        super(fields);
    }

    /**
     * A conversation with the given fields.
     *
     * @throws IllegalArgumentException if there is no string {@code id} or a value is not JSON-shaped
     */
    public static Conversation of(Map<String, ?> fields) {
        return new Conversation(fields);
    }

    /** The {@code title} field. */
    public Optional<String> title() {
        return getString("title");
    }

    /** The {@code metadata} object, empty when absent. */
    public Map<String, Object> metadata() {
        return getObject("metadata").orElse(Map.of());
    }

    /** The {@code distinct_by_participants} flag, false when absent. */
    public boolean distinctByParticipants() {
        return getBoolean("distinct_by_participants", false);
    }

    /** The ids in {@code muted_user_ids}: users who want no notifications from this conversation. */
    public Set<String> mutedUserIds() {
        return Set.copyOf(getStringList("muted_user_ids"));
    }
}

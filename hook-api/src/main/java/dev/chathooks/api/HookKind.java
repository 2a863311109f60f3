package dev.chathooks.api;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The nine kinds of hook call, named as Skygear Chat named its hooks. */
public enum HookKind {
    /** A message was sent: {@code message, conversation, participants}. */
    AFTER_MESSAGE_SENT,
    /** A message was edited: {@code message, conversation, participants}. */
    AFTER_MESSAGE_UPDATED,
    /** A message was deleted: {@code message, conversation, participants}. */
    AFTER_MESSAGE_DELETED,
    /** Someone began typing: {@code conversation, participants, events}. */
    TYPING_STARTED,
    /** A conversation was created: {@code conversation, participants}. */
    AFTER_CONVERSATION_CREATED,
    /** A conversation's record changed, metadata alone included: {@code conversation, participants}. */
    AFTER_CONVERSATION_UPDATED,
    /** A conversation was deleted: {@code conversation, participants} as they were before. */
    AFTER_CONVERSATION_DELETED,
    /** Users joined: {@code conversation, participants, new_users}. */
    AFTER_USERS_ADDED_TO_CONVERSATION,
    /** Users left or were removed: {@code conversation, participants, old_users}. */
    AFTER_USERS_REMOVED_FROM_CONVERSATION;

    /**
     * The kinds by Skygear name. Names are made once: every invocation is written and read by its kind's name, and
     * lowering the case of each kind's name at every lookup was a twentieth of reading an invocation.
     */
    private static final Map<String, HookKind> BY_SEED_NAME;

    static {
        Map<String, HookKind> kinds = new HashMap<>();
        for (HookKind kind : values()) {
            kinds.put(kind.seedName, kind);
        }
        BY_SEED_NAME = Map.copyOf(kinds);
    }

    private final String seedName = name().toLowerCase(Locale.ROOT);

    /** The Skygear name, such as {@code after_message_sent}, used in logs, config and the invocation log. */
    public String seedName() {
        return seedName;
    }

    /** The kind with that Skygear name, empty for any other string. */
    public static Optional<HookKind> fromSeedName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_SEED_NAME.get(name));
    }
}

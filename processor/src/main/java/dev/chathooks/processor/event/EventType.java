package dev.chathooks.processor.event;

import java.util.Optional;

/** The CloudEvents types a chat server writes, as in the event contract. */
public enum EventType {
    CONVERSATION_SNAPSHOT("chat.conversation.snapshot"),
    CONVERSATION_CREATED("chat.conversation.created"),
    CONVERSATION_UPDATED("chat.conversation.updated"),
    CONVERSATION_DELETED("chat.conversation.deleted"),
    PARTICIPANTS_ADDED("chat.participants.added"),
    PARTICIPANTS_REMOVED("chat.participants.removed"),
    MESSAGE_SENT("chat.message.sent"),
    MESSAGE_UPDATED("chat.message.updated"),
    MESSAGE_DELETED("chat.message.deleted"),
    TYPING("chat.typing");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The CloudEvents {@code type}, such as {@code chat.message.sent}. */
    public String wireName() {
        return wireName;
    }

    /** The type named {@code wireName}, empty for an unknown one. */
    public static Optional<EventType> fromWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether events of this type change conversation state rather than being joined with it. */
    public boolean changesState() {
        return ordinal() <= PARTICIPANTS_REMOVED.ordinal();
    }
}

package dev.chathooks.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.json.Json;
import dev.chathooks.json.RawJsonWriter;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the processor knows of one conversation: its latest record, its members in the order they joined, and
 * its admins (who are members too). Immutable; changes make a new state.
 */
public final class ConversationState {
    private final ObjectNode conversation;
    private final Set<String> members;
    private final Set<String> admins;
    /** The members as a list, made the first time it is asked for (states are immutable). */
    private List<String> memberList;
    /** The conversation record as JSON, written the first time it is asked for (states are immutable). */
    private byte[] conversationJson;

    /**
     * @param conversation the conversation record
     * @param members the members in joining order; admins are added if missing
     * @param admins the admins
     */
    public ConversationState(ObjectNode conversation, Iterable<String> members, Iterable<String> admins) {
        this.conversation = Objects.requireNonNull(conversation, "conversation is null");
        Set<String> memberSet = new LinkedHashSet<>();
        members.forEach(memberSet::add);
        Set<String> adminSet = new LinkedHashSet<>();
        admins.forEach(adminSet::add);
        memberSet.addAll(adminSet);
        this.members = Collections.unmodifiableSet(memberSet);
        this.admins = Collections.unmodifiableSet(adminSet);
    }

    /** The conversation record; callers must not modify it. */
    public ObjectNode conversation() {
        return conversation;
    }

    /**
     * The conversation record as UTF-8 JSON, serialized once per state: every invocation of the conversation
     * carries it. Callers must not modify the array.
     */
    public byte[] conversationJson() {
        byte[] json = conversationJson;
        if (json == null) {
            try {
                json = Json.ownFormatsMapper().writeValueAsBytes(conversation);
            } catch (IOException e) {
                throw new IllegalStateException("a conversation tree always serializes", e);
            }
            conversationJson = json; // a race writes equal bytes twice: harmless
        }
        return json;
    }

    /** All members, admins included, in joining order, as an immutable list made once per state. */
    public List<String> memberList() {
        List<String> list = memberList;
        if (list == null) {
            list = List.copyOf(members);
            memberList = list;
        }
        return list;
    }

    /** All members, admins included, in joining order. */
    public Set<String> members() {
        return members;
    }

    /** The admins. */
    public Set<String> admins() {
        return admins;
    }

    /** A copy with {@code conversation} as the record. */
    public ConversationState withConversation(ObjectNode newConversation) {
        return new ConversationState(newConversation, members, admins);
    }

    /**
     * The state as UTF-8 JSON, for the state store and its changelog. The conversation record goes in as
     * {@link #conversationJson()}, which the state's invocations carry too: it is serialized once.
     */
    public byte[] toBytes() {
        byte[] conversationBytes = conversationJson();
        RawJsonWriter out = new RawJsonWriter(conversationBytes.length + 64 + 24 * members.size());
        return out.beginObject()
                .field("conversation").raw(conversationBytes)
                .field("members").strings(members)
                .field("admins").strings(admins)
                .endObject().toByteArray();
    }

    /**
     * Reads a state written by {@link #toBytes()}.
     *
     * @throws IllegalStateException if the bytes are not a state (a corrupt store)
     */
    public static ConversationState fromBytes(byte[] bytes) {
        try {
            JsonNode node = Json.ownFormatsMapper().readTree(bytes);
            return new ConversationState((ObjectNode) node.get("conversation"), texts(node.get("members")),
                    texts(node.get("admins")));
        } catch (IOException | ClassCastException | NullPointerException e) {
            throw new IllegalStateException("conversation state in the store cannot be read", e);
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(item -> values.add(item.textValue()));
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConversationState that && conversation.equals(that.conversation)
                && members.equals(that.members) && admins.equals(that.admins);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conversation, members, admins);
    }

    @Override
    public String toString() {
        return "ConversationState{id=" + conversation.path("id").asText() + ", members=" + members.size() + "}";
    }
}

package dev.chathooks.processor.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.json.RawJsonWriter;
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
    /** What {@link #changedAt()} and {@link #since()} say when not known (of states stored before they were kept). */
    public static final long UNKNOWN_CHANGE_TIME = Long.MAX_VALUE;

    private final ObjectNode conversation;
    private final Set<String> members;
    private final Set<String> admins;
    /** The event time of the change that made this state, or {@link #UNKNOWN_CHANGE_TIME}. */
    private final long changedAt;
    /** The event time from which the conversation is known to exist, or {@link #UNKNOWN_CHANGE_TIME}. */
    private final long since;
    /** The members as a list, made the first time it is asked for (states are immutable). */
    private List<String> memberList;
    /** The conversation record as JSON, written the first time it is asked for (states are immutable). */
    private byte[] conversationJson;
    /** {@link #memberList()} as a JSON array, written the first time it is asked for. */
    private byte[] memberListJson;

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
        this.changedAt = UNKNOWN_CHANGE_TIME;
        this.since = UNKNOWN_CHANGE_TIME;
    }

    private ConversationState(ConversationState state, long changedAt, long since) {
        this.conversation = state.conversation;
        this.members = state.members;
        this.admins = state.admins;
        this.memberList = state.memberList;
        this.conversationJson = state.conversationJson;
        this.memberListJson = state.memberListJson;
        this.changedAt = changedAt;
        this.since = since;
    }

    /**
     * The event time of the change that made this state, epoch milliseconds: a state may be stored at a later time
     * than that (changes are stored in processing order, and never older than the store's history), and still be
     * the state as of any time from this one on. {@link #UNKNOWN_CHANGE_TIME} when not known.
     */
    public long changedAt() {
        return changedAt;
    }

    /**
     * The event time from which the conversation is known to exist (its creation or first snapshot, or an earlier
     * change read later), epoch milliseconds; {@link #UNKNOWN_CHANGE_TIME} when not known.
     */
    public long since() {
        return since;
    }

    /**
     * This state, made by a change stamped {@code eventTime} to the state {@code previous} (null for none): it
     * exists since {@code previous} did, or since this change if that is earlier.
     */
    public ConversationState changedBy(long eventTime, ConversationState previous) {
        long existsSince = previous == null ? eventTime : Math.min(previous.since, eventTime);
        return new ConversationState(this, eventTime, existsSince);
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

    /**
     * {@link #memberList()} as a JSON array of strings, written once per state: every invocation of the conversation
     * carries it, and quoting the ids again for each was a tenth of the enrichment's time.
     */
    public byte[] memberListJson() {
        byte[] json = memberListJson;
        if (json == null) {
            json = RawJsonWriter.stringArray(memberList());
            memberListJson = json; // a race writes equal bytes twice: harmless
        }
        return json;
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
                .field("conversation")
                .raw(conversationBytes)
                .field("members")
                .strings(members)
                .field("admins")
                .strings(admins)
                .field("changed_at")
                .number(changedAt)
                .field("since")
                .number(since)
                .endObject()
                .toByteArray();
    }

    /**
     * Reads a state written by {@link #toBytes()}.
     *
     * @throws IllegalStateException if the bytes are not a state (a corrupt store)
     */
    public static ConversationState fromBytes(byte[] bytes) {
        try {
            JsonNode node = Json.ownFormatsMapper().readTree(bytes);
            ConversationState state = new ConversationState(
                    (ObjectNode) node.get("conversation"), texts(node.get("members")), texts(node.get("admins")));
            // Absent in states stored before they were kept.
            long changedAt = node.path("changed_at").asLong(UNKNOWN_CHANGE_TIME);
            long since = node.path("since").asLong(UNKNOWN_CHANGE_TIME);
            return changedAt == UNKNOWN_CHANGE_TIME && since == UNKNOWN_CHANGE_TIME
                    ? state
                    : new ConversationState(state, changedAt, since);
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
        return other instanceof ConversationState that
                && conversation.equals(that.conversation)
                && members.equals(that.members)
                && admins.equals(that.admins);
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

package dev.chathooks.processor.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.Message;
import dev.chathooks.api.TypingEvent;
import dev.chathooks.api.User;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.tables.KeptValues;
import dev.chathooks.processor.tables.ParsedTable;
import dev.chathooks.processor.tables.TableChanges;
import dev.chathooks.processor.tables.TableReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves an {@link Invocation} into {@link HookArguments}: participant and user ids become user records from the
 * users table, read at dispatch time (a user unknown to the table is {@link User#unknown its id alone}).
 *
 * <p>A conversation's invocations mostly carry the same members one after the other, so the participants last
 * resolved for each conversation are kept, and used again for an invocation that carries the same participant ids
 * as bytes (its {@link Invocation#wire()}), as long as the users table has not changed since: looking them up was a
 * fifth of dispatching an invocation. Only the ids' bytes and the list are kept, a few hundred bytes a conversation
 * that change only with its members, so that the kept entries add little to what the garbage collector must trace
 * (keeping the conversation record too cost more in collection than it saved in a 512 MB heap). Thread-safe: every
 * hook's consumer resolves through one resolver.
 */
public final class InvocationResolver {
    /** Users kept parsed: a few megabytes, and the active users of a busy chat server. */
    private static final int RECENT_USERS = 20_000;
    /** Conversations whose participants are kept: a few hundred bytes each, the active ones of a busy server. */
    private static final int RECENT_CONVERSATIONS = 10_000;

    private final ParsedTable<User> users;
    /** By conversation id; empty when nothing tells the users table's changes. */
    private final KeptValues<String, Participants> recent;

    /**
     * A conversation's participants as resolved last.
     *
     * @param idsJson the participant ids' bytes they were resolved from
     * @param usersChangeCount the users table's {@link ParsedTable#changeCount} before they were resolved
     * @param users the participants
     */
    private record Participants(byte[] idsJson, long usersChangeCount, List<User> users) {}

    /**
     * A resolver that reads every user from the table each time (nothing tells it of changes to keep users).
     *
     * @param users the users table, keyed by user id
     */
    public InvocationResolver(TableReader users) {
        this.users = new ParsedTable<>(users, InvocationResolver::parseUser, 0);
        this.recent = new KeptValues<>(0);
    }

    /**
     * A resolver that keeps the most recently used users parsed, exactly as the table holds them.
     *
     * @param users the users table, keyed by user id
     * @param changes told of every change of the users table
     * @param usersStore the users table's store name in {@code changes}
     */
    public InvocationResolver(TableReader users, TableChanges changes, String usersStore) {
        this.users = new ParsedTable<>(users, InvocationResolver::parseUser, RECENT_USERS);
        this.recent = new KeptValues<>(RECENT_CONVERSATIONS);
        changes.listen(usersStore, this.users);
    }

    /** The hook arguments for {@code invocation}. */
    public HookArguments resolve(Invocation invocation) {
        EventInfo event = new EventInfo(
                invocation.eventId(),
                invocation.kind(),
                invocation.type(),
                invocation.conversationId(),
                invocation.actor(),
                Instant.ofEpochMilli(invocation.time()),
                Json.toMap(invocation.attributes()));
        Conversation conversation = Conversation.of(Json.toMap(invocation.conversation()));
        Message message = invocation.message() == null ? null : Message.of(Json.toMap(invocation.message()));
        List<TypingEvent> events = new ArrayList<>();
        if (invocation.events() != null) {
            for (JsonNode typing : invocation.events()) {
                events.add(TypingEvent.of(Json.toMap(typing)));
            }
        }
        return new HookArguments(
                invocation,
                event,
                conversation,
                participants(invocation),
                message,
                List.copyOf(events),
                users(invocation.userIds()));
    }

    /** The participants, as kept for the conversation when its invocation carries the same ids and no user changed. */
    private List<User> participants(Invocation invocation) {
        byte[] idsJson = invocation.wire() == null ? null : invocation.wire().participantIds();
        if (idsJson == null) {
            return users(invocation.participantIds());
        }
        long usersChangeCount = users.changeCount(); // before any user is read
        Participants last = recent.get(invocation.conversationId());
        if (last != null && last.usersChangeCount() == usersChangeCount && Arrays.equals(last.idsJson(), idsJson)) {
            return last.users();
        }
        List<User> resolved = users(invocation.participantIds());
        // Correct either way, since a change told meanwhile makes the count differ at the next use; this only saves
        // keeping what could never be used again.
        if (users.changeCount() == usersChangeCount) {
            recent.put(invocation.conversationId(), new Participants(idsJson, usersChangeCount, resolved));
        }
        return resolved;
    }

    private List<User> users(List<String> ids) {
        List<User> resolved = new ArrayList<>(ids.size());
        for (String id : ids) {
            resolved.add(users.get(id));
        }
        return List.copyOf(resolved);
    }

    private static User parseUser(String id, Optional<byte[]> raw) {
        if (raw.isEmpty()) {
            return User.unknown(id);
        }
        try {
            JsonNode node = Json.mapper().readTree(raw.get());
            Map<String, Object> fields = Json.toMap(node);
            if (!(fields.get("id") instanceof String)) {
                fields.put("id", id); // the key is the id; a record may leave it out
            }
            return User.of(fields);
        } catch (IOException | IllegalArgumentException e) {
            return User.unknown(id); // the table only admits JSON objects; this is a belt for the braces
        }
    }
}

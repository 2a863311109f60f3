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
 * <p>A conversation's invocations mostly carry the same record and members one after the other, so the last
 * conversation record and participants resolved for each conversation are kept, and used again for an invocation
 * that carries the same bytes for them (its {@link Invocation#wire()}), as long as the users table has not changed
 * since: resolving them was a third of dispatching an invocation. Thread-safe: every hook's consumer resolves
 * through one resolver.
 */
public final class InvocationResolver {
    /** Users kept parsed: a few megabytes, and the active users of a busy chat server. */
    private static final int RECENT_USERS = 20_000;
    /** Conversations whose last resolution is kept: a few kilobytes each, the active ones of a busy server. */
    private static final int RECENT_CONVERSATIONS = 10_000;

    private final ParsedTable<User> users;
    /** By conversation id; empty when nothing tells the users table's changes. */
    private final KeptValues<String, Resolved> recent;

    /**
     * The parts of an invocation resolved last for its conversation.
     *
     * @param conversationJson the conversation record's bytes it was made from
     * @param conversation the conversation record
     * @param participantIdsJson the participant ids' bytes they were resolved from
     * @param usersChangeCount the users table's {@link ParsedTable#changeCount} before they were resolved
     * @param participants the participants
     */
    private record Resolved(
            byte[] conversationJson,
            Conversation conversation,
            byte[] participantIdsJson,
            long usersChangeCount,
            List<User> participants) {}

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
        Invocation.Wire wire = invocation.wire();
        byte[] conversationJson = wire == null ? null : wire.conversation();
        byte[] participantIdsJson = wire == null ? null : wire.participantIds();
        Resolved last =
                conversationJson == null || participantIdsJson == null ? null : recent.get(invocation.conversationId());
        Conversation conversation = last != null && Arrays.equals(last.conversationJson(), conversationJson)
                ? last.conversation()
                : Conversation.of(Json.toMap(invocation.conversation()));
        long usersChangeCount = users.changeCount(); // before any user is read
        List<User> participants = last != null
                        && last.usersChangeCount() == usersChangeCount
                        && Arrays.equals(last.participantIdsJson(), participantIdsJson)
                ? last.participants()
                : users(invocation.participantIds());
        if (conversationJson != null
                && participantIdsJson != null
                && (last == null || last.conversation() != conversation || last.participants() != participants)
                && users.changeCount() == usersChangeCount) {
            recent.put(
                    invocation.conversationId(),
                    new Resolved(conversationJson, conversation, participantIdsJson, usersChangeCount, participants));
        }
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
                participants,
                message,
                List.copyOf(events),
                users(invocation.userIds()));
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

package dev.chathooks.processor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.User;
import dev.chathooks.processor.event.ChatEvent;
import dev.chathooks.processor.event.EventParser;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.invocation.InvocationCodec;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.tables.TableChanges;
import dev.chathooks.processor.tables.TableReader;
import dev.chathooks.processor.topology.ConversationLogic;
import dev.chathooks.processor.topology.ConversationState;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The resolver uses a conversation's last resolved participants again only while an invocation carries the same
 * ones and the users table is unchanged: what a hook gets is always what the invocation and the table say.
 */
class InvocationResolverTest {
    private static final EventParser PARSER = new EventParser(256 * 1024);
    private static final Invocation.Source SOURCE = new Invocation.Source("chat.messages", 0, 0);

    private final Map<String, byte[]> table = new ConcurrentHashMap<>();
    private final TableReader users = key -> Optional.ofNullable(table.get(key));
    private final TableChanges changes = new TableChanges();
    private ConversationState state;
    private long time = 1_000;

    private void user(String id, String username) {
        try {
            table.put(id, Json.mapper().writeValueAsBytes(ChatEvents.user(id, username)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The invocation the event makes, as the hook's consumer reads it from the topic. */
    private Invocation apply(ObjectNode event) throws Exception {
        ChatEvent parsed = PARSER.parse(ChatEvents.utf8("c-1"), ChatEvents.bytes(event), time++);
        ConversationLogic.Outcome outcome = ConversationLogic.apply(state, parsed, SOURCE);
        if (outcome.stateChanged()) {
            state = outcome.state().changedBy(parsed.timestamp(), state);
        }
        return InvocationCodec.decode(InvocationCodec.encode(outcome.invocation()));
    }

    private static List<String> usernames(HookArguments arguments) {
        return arguments.participants().stream()
                .map(user -> user.getString("username").orElse("?"))
                .toList();
    }

    @Test
    void aConversationsParticipantsAreResolvedOnceWhileNothingChanges() throws Exception {
        user("u-1", "ann");
        user("u-2", "bob");
        InvocationResolver resolver = new InvocationResolver(users, changes, "users");
        HookArguments created = resolver.resolve(apply(ChatEvents.created("c-1", List.of("u-1", "u-2"), List.of())));
        HookArguments first = resolver.resolve(apply(ChatEvents.sent("c-1", "m-1", "u-1", "hi")));
        HookArguments second = resolver.resolve(apply(ChatEvents.sent("c-1", "m-2", "u-2", "hello")));

        assertThat(usernames(second)).containsExactly("ann", "bob");
        assertThat(second.participants()).isSameAs(first.participants()).isSameAs(created.participants());
        assertThat(second.conversation()).isEqualTo(first.conversation());
        assertThat(second.message()).isNotEqualTo(first.message());
    }

    @Test
    void aChangeOfTheUsersTableIsSeenAtOnce() throws Exception {
        user("u-1", "ann");
        user("u-2", "bob");
        InvocationResolver resolver = new InvocationResolver(users, changes, "users");
        resolver.resolve(apply(ChatEvents.created("c-1", List.of("u-1", "u-2"), List.of())));
        resolver.resolve(apply(ChatEvents.sent("c-1", "m-1", "u-1", "hi")));

        user("u-2", "bobby");
        changes.changed("users", "u-2");

        assertThat(usernames(resolver.resolve(apply(ChatEvents.sent("c-1", "m-2", "u-1", "hi")))))
                .containsExactly("ann", "bobby");
    }

    @Test
    void participantsResolvedWhileTheUsersTableChangedAreNotUsedAgain() throws Exception {
        user("u-1", "ann");
        user("u-2", "bob");
        AtomicBoolean race = new AtomicBoolean();
        // The table's updater (another thread in a run) changes u-2 and tells of it just after the resolver read it.
        TableReader racing = key -> {
            Optional<byte[]> value = users.get(key);
            if (key.equals("u-2") && race.compareAndSet(true, false)) {
                user("u-2", "bobby");
                changes.changed("users", "u-2");
            }
            return value;
        };
        InvocationResolver resolver = new InvocationResolver(racing, changes, "users");
        resolver.resolve(apply(ChatEvents.created("c-1", List.of("u-1", "u-2"), List.of())));
        changes.changed("users", "u-2"); // so that the next invocation reads u-2 from the table again

        race.set(true);
        HookArguments during = resolver.resolve(apply(ChatEvents.sent("c-1", "m-1", "u-1", "hi")));
        HookArguments after = resolver.resolve(apply(ChatEvents.sent("c-1", "m-2", "u-1", "hi")));

        assertThat(usernames(during)).as("read before the change").containsExactly("ann", "bob");
        assertThat(usernames(after)).containsExactly("ann", "bobby");
    }

    @Test
    void aNewRecordOrNewMembersAreResolvedAgain() throws Exception {
        user("u-1", "ann");
        user("u-2", "bob");
        user("u-3", "cid");
        InvocationResolver resolver = new InvocationResolver(users, changes, "users");
        resolver.resolve(apply(ChatEvents.created("c-1", List.of("u-1", "u-2"), List.of())));
        HookArguments before = resolver.resolve(apply(ChatEvents.sent("c-1", "m-1", "u-1", "hi")));

        resolver.resolve(apply(ChatEvents.updated("c-1", Map.of("id", "c-1", "title", "Renamed"))));
        HookArguments renamed = resolver.resolve(apply(ChatEvents.sent("c-1", "m-2", "u-1", "hi")));
        resolver.resolve(apply(ChatEvents.added("c-1", "u-3")));
        HookArguments joined = resolver.resolve(apply(ChatEvents.sent("c-1", "m-3", "u-1", "hi")));

        assertThat(before.conversation().title()).isEqualTo(Optional.of("Title of c-1"));
        assertThat(renamed.conversation().title()).isEqualTo(Optional.of("Renamed"));
        assertThat(usernames(renamed)).containsExactly("ann", "bob");
        assertThat(usernames(joined)).containsExactly("ann", "bob", "cid");
        assertThat(joined.participants()).isNotSameAs(renamed.participants());
    }

    @Test
    void aResolverThatIsNotToldOfChangesReadsTheTableEachTime() throws Exception {
        user("u-1", "ann");
        InvocationResolver resolver = new InvocationResolver(users);
        resolver.resolve(apply(ChatEvents.created("c-1", List.of("u-1"), List.of())));
        assertThat(usernames(resolver.resolve(apply(ChatEvents.sent("c-1", "m-1", "u-1", "hi")))))
                .containsExactly("ann");

        user("u-1", "anna"); // nothing tells the resolver

        assertThat(usernames(resolver.resolve(apply(ChatEvents.sent("c-1", "m-2", "u-1", "hi")))))
                .containsExactly("anna");
    }

    @Test
    void anInvocationMadeInProcessIsResolvedFromItsParts() throws Exception {
        user("u-1", "ann");
        InvocationResolver resolver = new InvocationResolver(users, changes, "users");
        ChatEvent created = PARSER.parse(
                ChatEvents.utf8("c-1"), ChatEvents.bytes(ChatEvents.created("c-1", List.of("u-1"), List.of())), 1);
        Invocation invocation =
                ConversationLogic.apply(null, created, SOURCE).invocation().withoutWire();

        HookArguments arguments = resolver.resolve(invocation);

        assertThat(usernames(arguments)).containsExactly("ann");
        assertThat(arguments.participants()).extracting(User::id).containsExactly("u-1");
    }
}

package dev.chathooks.processor.topology;

import static dev.chathooks.testsupport.fixtures.ChatEvents.added;
import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.deleted;
import static dev.chathooks.testsupport.fixtures.ChatEvents.event;
import static dev.chathooks.testsupport.fixtures.ChatEvents.message;
import static dev.chathooks.testsupport.fixtures.ChatEvents.removed;
import static dev.chathooks.testsupport.fixtures.ChatEvents.sent;
import static dev.chathooks.testsupport.fixtures.ChatEvents.snapshot;
import static dev.chathooks.testsupport.fixtures.ChatEvents.typing;
import static dev.chathooks.testsupport.fixtures.ChatEvents.updated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.testsupport.fixtures.TopologyFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event contract's semantics table, one behaviour per test, through the real topology. */
class EnrichmentTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyFixture topology;
    private long time = 1_000_000;

    @BeforeEach
    void start() {
        topology = new TopologyFixture(stateDir);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private void send(ObjectNode event) {
        topology.send(event, time += 1000);
    }

    private Invocation onlyInvocation() {
        List<Invocation> invocations = topology.invocations();
        assertThat(invocations).hasSize(1);
        return invocations.get(0);
    }

    private void createConversation() {
        send(created("c-1", List.of("u-alice", "u-bob"), List.of("u-admin")));
        topology.invocations();
    }

    @Test
    void creationCallsAfterConversationCreatedWithEveryMemberAdminsIncluded() {
        send(created("c-1", List.of("u-alice", "u-bob"), List.of("u-admin")));

        Invocation invocation = onlyInvocation();
        assertThat(invocation.kind()).isEqualTo(HookKind.AFTER_CONVERSATION_CREATED);
        assertThat(invocation.conversation().path("title").asText()).isEqualTo("Title of c-1");
        assertThat(invocation.participantIds()).containsExactly("u-alice", "u-bob", "u-admin");
    }

    @Test
    void snapshotSetsStateAndCallsNoHook() {
        send(snapshot("c-1", List.of("u-alice"), List.of()));
        assertThat(topology.invocations()).isEmpty();

        send(sent("c-1", "m-1", "u-alice", "hi"));
        assertThat(onlyInvocation().participantIds()).containsExactly("u-alice");
    }

    @Test
    void messageEventsCallTheirKindWithMessageConversationAndParticipants() {
        createConversation();
        send(sent("c-1", "m-1", "u-alice", "hi"));
        send(message("chat.message.updated", "c-1", "m-1", "u-alice", "hi there"));
        send(message("chat.message.deleted", "c-1", "m-1", "u-alice", ""));

        List<Invocation> invocations = topology.invocations();
        assertThat(invocations)
                .extracting(Invocation::kind)
                .containsExactly(
                        HookKind.AFTER_MESSAGE_SENT, HookKind.AFTER_MESSAGE_UPDATED, HookKind.AFTER_MESSAGE_DELETED);
        assertThat(invocations.get(1).message().path("body").asText()).isEqualTo("hi there");
        assertThat(invocations).allSatisfy(invocation -> {
            assertThat(invocation.message().path("id").asText()).isEqualTo("m-1");
            assertThat(invocation.conversation().path("id").asText()).isEqualTo("c-1");
            assertThat(invocation.participantIds()).containsExactly("u-alice", "u-bob", "u-admin");
            assertThat(invocation.actor()).isEqualTo("u-alice");
        });
    }

    @Test
    void anUpdateThatDeletesTheMessageCallsAfterMessageDeletedOnly() {
        createConversation();
        send(event(
                "chat.message.updated",
                "c-1",
                "u-alice",
                Map.of("message", Map.of("id", "m-1", "sender_id", "u-alice", "deleted", true))));

        assertThat(onlyInvocation().kind()).isEqualTo(HookKind.AFTER_MESSAGE_DELETED);
    }

    @Test
    void aMessageWithoutConversationIdGetsTheSubject() {
        createConversation();
        send(event("chat.message.sent", "c-1", "u-alice", Map.of("message", Map.of("id", "m-1", "body", "x"))));

        assertThat(onlyInvocation().message().path("conversation_id").asText()).isEqualTo("c-1");
    }

    @Test
    void aMetadataOnlyUpdateCallsAfterConversationUpdated() {
        createConversation();
        send(updated("c-1", Map.of("id", "c-1", "title", "Title of c-1", "metadata", Map.of("pinned", true))));

        Invocation invocation = onlyInvocation();
        assertThat(invocation.kind()).isEqualTo(HookKind.AFTER_CONVERSATION_UPDATED);
        assertThat(invocation.conversation().path("metadata").path("pinned").asBoolean())
                .isTrue();
        assertThat(invocation.participantIds()).containsExactly("u-alice", "u-bob", "u-admin");
    }

    @Test
    void addingOnlyExistingMembersCallsNoHook() {
        createConversation();
        send(added("c-1", "u-alice", "u-admin"));

        assertThat(topology.invocations()).isEmpty();
    }

    @Test
    void addedUsersAreExactlyThoseWhoWereNotMembers() {
        createConversation();
        send(added("c-1", "u-alice", "u-carol", "u-dave"));

        Invocation invocation = onlyInvocation();
        assertThat(invocation.kind()).isEqualTo(HookKind.AFTER_USERS_ADDED_TO_CONVERSATION);
        assertThat(invocation.userIds()).containsExactly("u-carol", "u-dave");
        assertThat(invocation.participantIds()).containsExactly("u-alice", "u-bob", "u-admin", "u-carol", "u-dave");
    }

    @Test
    void removingOnlyNonMembersCallsNoHook() {
        createConversation();
        send(removed("c-1", "u-zed"));

        assertThat(topology.invocations()).isEmpty();
    }

    @Test
    void removedUsersAreExactlyThoseWhoWereMembersAndParticipantsAreThoseAfter() {
        createConversation();
        send(removed("c-1", "u-bob", "u-zed", "u-admin"));

        Invocation invocation = onlyInvocation();
        assertThat(invocation.kind()).isEqualTo(HookKind.AFTER_USERS_REMOVED_FROM_CONVERSATION);
        assertThat(invocation.userIds()).containsExactly("u-bob", "u-admin");
        assertThat(invocation.participantIds()).containsExactly("u-alice");
    }

    @Test
    void deletionCallsAfterConversationDeletedOnceWithTheMembersItHadAndNoRemovals() {
        createConversation();
        send(deleted("c-1"));

        Invocation invocation = onlyInvocation();
        assertThat(invocation.kind()).isEqualTo(HookKind.AFTER_CONVERSATION_DELETED);
        assertThat(invocation.participantIds()).containsExactly("u-alice", "u-bob", "u-admin");
    }

    @Test
    void aDeletionWithoutConversationRecordUsesTheStoredOne() {
        createConversation();
        send(event("chat.conversation.deleted", "c-1", "u-admin", Map.of()));

        assertThat(onlyInvocation().conversation().path("title").asText()).isEqualTo("Title of c-1");
    }

    @Test
    void aDeletionWhoseConversationHoldsOnlyTheIdGetsTheStoredRecordWithTheEventsFieldsOnTop() {
        send(event(
                "chat.conversation.created",
                "c-1",
                "u-admin",
                Map.of(
                        "conversation",
                        Map.of("id", "c-1", "title", "Team", "metadata", Map.of("color", "blue")),
                        "participant_ids",
                        List.of("u-alice"),
                        "admin_ids",
                        List.of("u-admin"))));
        topology.invocations();
        send(event(
                "chat.conversation.deleted",
                "c-1",
                "u-admin",
                Map.of("conversation", Map.of("id", "c-1", "deleted_by", "u-admin"))));

        ObjectNode conversation = onlyInvocation().conversation();
        assertThat(conversation.path("id").asText()).isEqualTo("c-1");
        assertThat(conversation.path("title").asText()).isEqualTo("Team");
        assertThat(conversation.path("metadata").path("color").asText()).isEqualTo("blue");
        assertThat(conversation.path("deleted_by").asText()).isEqualTo("u-admin");
    }

    @Test
    void aMessageAfterDeletionIsDeadLetteredAsUnknownConversation() {
        createConversation();
        send(deleted("c-1"));
        topology.invocations();
        send(sent("c-1", "m-1", "u-alice", "anyone?"));

        assertThat(topology.invocations()).isEmpty();
        assertThat(topology.deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(TopologyFixture.reason(letter)).startsWith("unknown-conversation: "));
    }

    @Test
    void typingBeginCallsTypingStartedWithThatOneEvent() {
        createConversation();
        send(typing("c-1", "u-bob", "begin"));

        Invocation invocation = onlyInvocation();
        assertThat(invocation.kind()).isEqualTo(HookKind.TYPING_STARTED);
        assertThat(invocation.events()).hasSize(1);
        assertThat(invocation.events().get(0).path("user_id").asText()).isEqualTo("u-bob");
        assertThat(invocation.events().get(0).path("event").asText()).isEqualTo("begin");
        assertThat(invocation.events().get(0).path("at").asText())
                .as("at defaults to the event time")
                .isNotEmpty();
    }

    @Test
    void typingPauseAndFinishedCallNoHook() {
        createConversation();
        send(typing("c-1", "u-bob", "pause"));
        send(typing("c-1", "u-bob", "finished"));

        assertThat(topology.invocations()).isEmpty();
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void aMessageIsJoinedWithTheStateAsOfItsTimestamp() {
        createConversation();
        long beforeJoin = time + 500;
        send(added("c-1", "u-carol"));
        topology.invocations();

        // Stamped before Carol joined, processed after: she was not a participant then.
        topology.send(sent("c-1", "m-1", "u-alice", "early"), beforeJoin);

        assertThat(onlyInvocation().participantIds()).containsExactly("u-alice", "u-bob", "u-admin");
    }

    @Test
    void aMessageStampedBeforeTheConversationExistedIsUnknownConversation() {
        long early = time;
        createConversation();
        topology.send(sent("c-1", "m-1", "u-alice", "too early"), early - 1);

        assertThat(topology.invocations()).isEmpty();
        assertThat(topology.deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(TopologyFixture.reason(letter)).startsWith("unknown-conversation"));
    }

    @Test
    void unknownAttributesAndFieldsArePassedThrough() {
        createConversation();
        ObjectNode event = sent("c-1", "m-1", "u-alice", "hi");
        event.put("traceparent", "00-abc-def-01");
        ((ObjectNode) event.get("data").get("message")).put("reply_to", "m-0");
        send(event);

        Invocation invocation = onlyInvocation();
        assertThat(invocation.attributes().path("traceparent").asText()).isEqualTo("00-abc-def-01");
        assertThat(invocation.message().path("reply_to").asText()).isEqualTo("m-0");
        assertThat(invocation.attributes().has("data")).isFalse();
    }

    @Test
    void invocationsAreKeyedByConversationAndCarryTheEventIdAndSource() {
        ObjectNode event = created("c-1", List.of("u-alice"), List.of());
        send(event);

        Invocation invocation = onlyInvocation();
        assertThat(invocation.eventId()).isEqualTo(event.path("id").asText());
        assertThat(invocation.time()).isEqualTo(time);
        assertThat(invocation.source().topic()).isEqualTo("chat.conversations");
        assertThat(invocation.source().offset()).isZero();
    }

    @Test
    void membershipEventsForAnUnknownConversationAreDeadLettered() {
        send(added("c-9", "u-alice"));
        send(updated("c-9", Map.of("id", "c-9")));

        assertThat(topology.invocations()).isEmpty();
        assertThat(topology.deadLetters())
                .hasSize(2)
                .allSatisfy(letter -> assertThat(TopologyFixture.reason(letter)).startsWith("unknown-conversation"));
    }

    @Test
    void stateIsKeptPerConversation() {
        send(created("c-1", List.of("u-alice"), List.of()));
        send(created("c-2", List.of("u-bob"), List.of()));
        topology.invocations();
        send(sent("c-2", "m-1", "u-bob", "hi"));

        assertThat(onlyInvocation().participantIds()).containsExactly("u-bob");
    }
}

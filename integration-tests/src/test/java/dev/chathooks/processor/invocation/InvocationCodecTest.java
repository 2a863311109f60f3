package dev.chathooks.processor.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.event.ChatEvent;
import dev.chathooks.processor.event.EventParser;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.topology.ConversationLogic;
import dev.chathooks.processor.topology.ConversationState;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invocations written with their event's bytes (version 2) read back as those written part by part (version 1). */
class InvocationCodecTest {
    private static final Invocation.Source SOURCE = new Invocation.Source("chat.messages", 3, 42);
    private static final EventParser PARSER = new EventParser(256 * 1024);

    static Stream<ObjectNode> events() {
        ObjectNode withoutConversationId = ChatEvents.sent("c-1", "m-1", "u-1", "hi \u00e9\u2603 \"quoted\"");
        ((ObjectNode) withoutConversationId.get("data").get("message")).remove("conversation_id");
        ObjectNode withUnknownAttribute = ChatEvents.sent("c-1", "m-2", "u-2", "hello");
        withUnknownAttribute.put("traceparent", "00-abc-def-01");
        return Stream.of(
                ChatEvents.created("c-1", List.of("u-1", "u-2"), List.of("u-1")),
                ChatEvents.updated("c-1", Map.of("id", "c-1", "title", "New title")),
                ChatEvents.added("c-1", "u-3"),
                ChatEvents.removed("c-1", "u-2"),
                withoutConversationId,
                withUnknownAttribute,
                ChatEvents.message("chat.message.updated", "c-1", "m-1", "u-1", "edited"),
                ChatEvents.message("chat.message.deleted", "c-1", "m-1", "u-1", ""),
                ChatEvents.typing("c-1", "u-1", "begin"),
                ChatEvents.deleted("c-1"));
    }

    private static Invocation invocationOf(byte[] value) throws Exception {
        ChatEvent created = PARSER.parse(
                ChatEvents.utf8("c-1"),
                ChatEvents.bytes(ChatEvents.created("c-1", List.of("u-1", "u-2"), List.of("u-1"))),
                1_000);
        ConversationState state = ConversationLogic.apply(null, created, SOURCE).state();
        ChatEvent event = PARSER.parse(ChatEvents.utf8("c-1"), value, 2_000);
        return ConversationLogic.apply(state, event, SOURCE).invocation();
    }

    @ParameterizedTest
    @MethodSource("events")
    void anInvocationWrittenWithItsEventReadsAsOneWrittenPartByPart(ObjectNode event) throws Exception {
        Invocation invocation = invocationOf(ChatEvents.bytes(event));
        byte[] withEvent = InvocationCodec.encode(invocation);
        byte[] byParts = InvocationCodec.encode(invocation.withoutWire());
        assertThat(Json.mapper().readTree(withEvent).path("v").asInt()).isEqualTo(2);
        assertThat(Json.mapper().readTree(byParts).path("v").asInt()).isEqualTo(1);

        Invocation read = InvocationCodec.decode(withEvent);
        Invocation expected = InvocationCodec.decode(byParts);
        assertThat(read).isEqualTo(expected);
        assertThat(read.attributes()).isEqualTo(invocation.attributes());
        assertThat(read.message()).isEqualTo(invocation.message());
        assertThat(read.events()).isEqualTo(invocation.events());
        assertThat(read.conversation()).isEqualTo(invocation.conversation());
        assertThat(read.participantIds()).isEqualTo(invocation.participantIds());
        assertThat(read.userIds()).isEqualTo(invocation.userIds());
        assertThat(read.source()).isEqualTo(SOURCE);
    }

    @Test
    void aMessageWithoutConversationIdGetsTheSubjectWhenReadBack() throws Exception {
        ObjectNode event = ChatEvents.sent("c-1", "m-1", "u-1", "hi");
        ((ObjectNode) event.get("data").get("message")).remove("conversation_id");
        Invocation read = InvocationCodec.decode(InvocationCodec.encode(invocationOf(ChatEvents.bytes(event))));
        assertThat(read.message().path("conversation_id").asText()).isEqualTo("c-1");
    }

    @Test
    void anEventNotInPlainUtf8IsWrittenPartByPart() throws Exception {
        byte[] utf16 = Json.mapper()
                .writeValueAsString(ChatEvents.sent("c-1", "m-1", "u-1", "hi"))
                .getBytes(StandardCharsets.UTF_16);
        Invocation invocation = invocationOf(utf16);
        byte[] written = InvocationCodec.encode(invocation);
        assertThat(Json.mapper().readTree(written).path("v").asInt()).isEqualTo(1);
        assertThat(InvocationCodec.decode(written).message().path("body").asText())
                .isEqualTo("hi");
    }

    @Test
    void anEventNestedAsDeepAsInputMayBeIsReadBack() throws Exception {
        ObjectNode event = ChatEvents.sent("c-1", "m-1", "u-1", "deep");
        ObjectNode nested = ((ObjectNode) event.get("data").get("message")).putObject("metadata");
        for (int depth = 4; depth < Json.MAX_NESTING_DEPTH; depth++) {
            nested = nested.putObject("n");
        }
        Invocation invocation = invocationOf(ChatEvents.bytes(event));
        assertThat(InvocationCodec.decode(InvocationCodec.encode(invocation)).message())
                .isEqualTo(invocation.message());
    }

    @Test
    void anInvocationTheReaderDoesNotWantIsNotReadPastItsKindAndEventId() throws Exception {
        byte[] written =
                InvocationCodec.encode(invocationOf(ChatEvents.bytes(ChatEvents.sent("c-1", "m-1", "u-1", "hi"))));
        // Spoil what comes after the kind and event id: a reader that wants the invocation must fail on it.
        String text = new String(written, StandardCharsets.UTF_8);
        byte[] spoiled = text.replace("\"conversation\":", "\"conversation\":!").getBytes(StandardCharsets.UTF_8);
        List<String> asked = new java.util.ArrayList<>();

        Invocation skipped = InvocationCodec.decode(spoiled, (kind, eventId) -> {
            asked.add(kind.seedName() + " " + eventId);
            return false;
        });

        assertThat(skipped).isNull();
        assertThat(asked)
                .containsExactly("after_message_sent "
                        + Json.mapper().readTree(written).path("event_id").asText());
        assertThatThrownBy(() -> InvocationCodec.decode(spoiled, (kind, eventId) -> true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(InvocationCodec.decode(written, (kind, eventId) -> true)).isEqualTo(InvocationCodec.decode(written));
    }

    @Test
    void theFieldsAreReadInAnyOrder() throws Exception {
        byte[] written = InvocationCodec.encode(invocationOf(ChatEvents.bytes(ChatEvents.added("c-1", "u-3"))));
        ObjectNode original = (ObjectNode) Json.mapper().readTree(written);
        ObjectNode reversed = Json.object();
        List<String> names = new java.util.ArrayList<>();
        original.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(name -> reversed.set(name, original.get(name)));

        assertThat(InvocationCodec.decode(Json.mapper().writeValueAsBytes(reversed)))
                .isEqualTo(InvocationCodec.decode(written));
    }

    @ParameterizedTest
    @MethodSource("events")
    void anInvocationReadBackKeepsItsParticipantsAsRead(ObjectNode event) throws Exception {
        Invocation invocation = invocationOf(ChatEvents.bytes(event));
        for (byte[] written :
                List.of(InvocationCodec.encode(invocation), InvocationCodec.encode(invocation.withoutWire()))) {
            Invocation read = InvocationCodec.decode(written);
            assertThat(Json.mapper().readValue(read.wire().participantIds(), List.class))
                    .isEqualTo(read.participantIds());
            assertThat(read.wire().event()).isNull();
            // Written again from what was read, it reads the same.
            assertThat(InvocationCodec.decode(InvocationCodec.encode(read))).isEqualTo(read);
        }
    }

    @Test
    void participantsThatAreNotAllStringsAreNotKeptAsRead() throws Exception {
        byte[] written =
                InvocationCodec.encode(invocationOf(ChatEvents.bytes(ChatEvents.sent("c-1", "m-1", "u-1", "hi"))));
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(written);
        tree.putArray("participant_ids").add("u-1").add(7);

        Invocation read = InvocationCodec.decode(Json.mapper().writeValueAsBytes(tree));

        assertThat(read.participantIds()).containsExactly("u-1", "7");
        assertThat(read.wire()).isNull();
    }
}

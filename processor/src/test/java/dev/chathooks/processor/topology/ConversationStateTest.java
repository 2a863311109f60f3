package dev.chathooks.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationStateTest {
    @Test
    void aStateReadsBackAsItWasStoredWithItsConversationRecordAsTheInvocationsCarryIt() throws Exception {
        ObjectNode conversation = Json.object().put("id", "c-1").put("title", "Caf\u00e9 \"quoted\" \u2603");
        conversation.putObject("metadata").putArray("tags").add("a").add(2L); // numbers read back as longs
        ConversationState state =
                new ConversationState(conversation, List.of("u-1", "u-\u00e9", "u-3"), List.of("u-1"));

        ConversationState read = ConversationState.fromBytes(state.toBytes());

        assertThat(read).isEqualTo(state);
        assertThat(List.copyOf(read.members())).containsExactly("u-1", "u-\u00e9", "u-3");
        assertThat(Json.mapper().readTree(state.toBytes()).get("conversation"))
                .isEqualTo(Json.mapper().readTree(state.conversationJson()));
    }

    @Test
    void theTimeOfTheChangeAndSinceWhenTheConversationExistsAreStoredWithTheState() {
        ConversationState created =
                new ConversationState(Json.object().put("id", "c-1"), List.of("u-1"), List.of()).changedBy(5_000, null);
        ConversationState changedEarlier =
                created.withConversation(Json.object().put("id", "c-1")).changedBy(3_000, created);

        ConversationState read = ConversationState.fromBytes(changedEarlier.toBytes());

        assertThat(read.changedAt()).isEqualTo(3_000);
        assertThat(read.since())
                .as("a change read after the creation but stamped before it")
                .isEqualTo(3_000);
        assertThat(ConversationState.fromBytes(created.changedBy(9_000, created).toBytes())
                        .since())
                .isEqualTo(5_000);
    }
}

package dev.chathooks.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationStateTest {
    @Test
    void aStateReadsBackAsItWasStoredWithItsConversationRecordAsTheInvocationsCarryIt() throws Exception {
        ObjectNode conversation = Json.object().put("id", "c-1").put("title", "Caf\u00e9 \"quoted\" \u2603");
        conversation.putObject("metadata").putArray("tags").add("a").add(2L); // numbers read back as longs
        ConversationState state = new ConversationState(conversation, List.of("u-1", "u-\u00e9", "u-3"),
                List.of("u-1"));

        ConversationState read = ConversationState.fromBytes(state.toBytes());

        assertThat(read).isEqualTo(state);
        assertThat(List.copyOf(read.members())).containsExactly("u-1", "u-\u00e9", "u-3");
        assertThat(Json.mapper().readTree(state.toBytes()).get("conversation"))
                .isEqualTo(Json.mapper().readTree(state.conversationJson()));
    }
}

package dev.chathooks.examples.webhook.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.HookKind;
import dev.chathooks.api.Message;
import dev.chathooks.api.User;
import dev.chathooks.examples.webhook.config.ParticipantsMode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordsKeepEveryFieldAndValueExactly() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", "m-1");
        fields.put("body", "caf\u00e9 \"quoted\" \n\u2603");
        fields.put("revision", 3L);
        fields.put("score", 0.5);
        fields.put("big", new BigDecimal("12345678901234567890.123"));
        fields.put("deleted", false);
        fields.put("edited_at", null);
        fields.put("attachment", Map.of("name", "a.png", "size", 10));
        fields.put("tags", Arrays.asList("x", null, 2));
        EventInfo event = new EventInfo(
                "e-1",
                HookKind.AFTER_MESSAGE_SENT,
                "chat.message.sent",
                "c-1",
                null,
                Instant.parse("2026-11-24T10:00:00Z"),
                Map.of());

        byte[] body = new CloudEventWriter(ParticipantsMode.RECORDS)
                .write(
                        event,
                        new CallData(
                                Message.of(fields),
                                Conversation.of(Map.of("id", "c-1")),
                                List.of(User.unknown("u-1")),
                                null,
                                null));

        JsonNode json = JSON.readTree(body);
        assertThat(json.has("actor")).isFalse();
        assertThat(JSON.convertValue(json.at("/data/message"), Map.class))
                .isEqualTo(JSON.readValue(JSON.writeValueAsBytes(fields), Map.class));
        assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"big\":12345678901234567890.123,");
        assertThat(json.at("/data/participants").toString()).isEqualTo("[{\"id\":\"u-1\"}]");
    }

    @Test
    void theDocumentIsMinifiedWithTheAttributesFirst() {
        EventInfo event = new EventInfo(
                "e-1",
                HookKind.AFTER_CONVERSATION_CREATED,
                "chat.conversation.created",
                "c-1",
                "u-1",
                Instant.parse("2026-11-24T10:00:00Z"),
                Map.of());

        String body = new String(new CloudEventWriter(ParticipantsMode.IDS)
                .write(
                        event,
                        new CallData(
                                null, Conversation.of(Map.of("id", "c-1")), List.of(User.unknown("u-1")), null, null)));

        assertThat(body)
                .isEqualTo("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/chat-hooks\","
                        + "\"type\":\"after_conversation_created\",\"subject\":\"c-1\",\"time\":\"2026-11-24T10:00:00Z\","
                        + "\"datacontenttype\":\"application/json\",\"actor\":\"u-1\","
                        + "\"data\":{\"conversation\":{\"id\":\"c-1\"},\"participants\":[\"u-1\"]}}");
    }
}

package dev.chathooks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatObjectTest {
    @Test
    void fieldsAreCopiedDeeplyAndCannotBeChanged() {
        List<Object> tags = new ArrayList<>(List.of("a"));
        Map<String, Object> metadata = new HashMap<>(Map.of("tags", tags));
        Map<String, Object> fields = new HashMap<>(Map.of("id", "m-1", "metadata", metadata));

        Message message = Message.of(fields);
        tags.add("b");
        fields.put("body", "changed");

        assertThat(message.has("body")).isFalse();
        assertThat(message.metadata().get("tags")).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> message.fields().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> message.getList("missing").add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void typedAccessorsReadWellKnownFieldsAndTolerateWrongTypes() {
        Message message = Message.of(Map.of(
                "id",
                "m-1",
                "body",
                42,
                "push",
                false,
                "revision",
                3,
                "edited_at",
                "2026-11-24T10:00:00Z",
                "attachment",
                Map.of("name", "a.png", "size", 12)));

        assertThat(message.body()).as("a number is not a body").isEmpty();
        assertThat(message.push()).isFalse();
        assertThat(message.revision()).hasValue(3);
        assertThat(message.editedAt()).contains(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(message.attachment()).hasValueSatisfying(a -> {
            assertThat(a.name()).contains("a.png");
            assertThat(a.size()).hasValue(12);
        });
        assertThat(message.deleted()).isFalse();
    }

    @Test
    void defaultsForAbsentFlagsFollowTheContract() {
        assertThat(User.unknown("u-1").pushEnabled()).isTrue();
        assertThat(Message.of(Map.of("id", "m")).push()).isTrue();
        assertThat(Device.of(Map.of("id", "d")).sandbox()).isFalse();
        assertThat(Conversation.of(Map.of("id", "c", "muted_user_ids", List.of("u-1", 7)))
                        .mutedUserIds())
                .containsExactly("u-1");
    }

    @Test
    void aRecordNeedsAStringId() {
        assertThatThrownBy(() -> User.of(Map.of("username", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id");
        assertThatThrownBy(() -> Conversation.of(Map.of("id", 5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonJsonValuesAreRefused() {
        assertThatThrownBy(() -> ChatObject.of(Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("when");
    }

    @Test
    void aNonJsonValueDeepInsideIsNamedByItsPath() {
        Map<String, Object> fields = Map.of("metadata", Map.of("tags", java.util.List.of("a", new Object())));
        assertThatThrownBy(() -> ChatObject.of(fields))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metadata.tags[1] holds a java.lang.Object");
        assertThatThrownBy(() -> ChatObject.of(Map.of("metadata", Map.of(1, "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metadata holds a field name that is not a string: a java.lang.Integer");
    }

    @Test
    void toStringShowsTheIdAndNeverContentOrTokens() {
        Device device = Device.of(Map.of("id", "d-1", "token", "secret-token"));
        Message message = Message.of(Map.of("id", "m-1", "body", "private words"));

        assertThat(device.toString()).isEqualTo("Device{id=d-1}");
        assertThat(message.toString()).doesNotContain("private");
    }

    @Test
    void equalFieldsMakeEqualRecords() {
        assertThat(User.of(Map.of("id", "u", "name", "N")))
                .isEqualTo(User.of(Map.of("id", "u", "name", "N")))
                .isNotEqualTo(ChatObject.of(Map.of("id", "u", "name", "N")));
    }
}

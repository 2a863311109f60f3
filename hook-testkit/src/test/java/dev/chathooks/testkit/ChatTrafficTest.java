package dev.chathooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.devtools.dump.TopicDumpReader;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traffic builder writes the contract's events with its documented defaults. */
class ChatTrafficTest {
    @TempDir
    Path dir;

    private static JsonNode value(DumpRecord record) throws IOException {
        return Json.mapper().readTree(record.value());
    }

    @Test
    void eventsAreCloudEventsWithNumberedIdsOneSecondApartKeyedByConversation() throws IOException {
        List<DumpRecord> records = ChatTraffic.startingAt(Instant.parse("2026-03-01T12:00:00Z"))
                .user("alice")
                .conversationCreated("c-1", "Team", "alice", "bob")
                .messageSent("alice", "c-1", "hi")
                .records();

        assertThat(records)
                .extracting(DumpRecord::topic)
                .containsExactly("chat.users", "chat.conversations", "chat.messages");
        assertThat(records)
                .extracting(DumpRecord::timestamp)
                .containsExactly(
                        Instant.parse("2026-03-01T12:00:01Z").toEpochMilli(),
                        Instant.parse("2026-03-01T12:00:02Z").toEpochMilli(),
                        Instant.parse("2026-03-01T12:00:03Z").toEpochMilli());
        assertThat(value(records.get(0)).toString())
                .isEqualTo("{\"id\":\"u-alice\",\"username\":\"alice\",\"name\":\"Alice\"}");
        JsonNode created = value(records.get(1));
        assertThat(created.path("specversion").asText()).isEqualTo("1.0");
        assertThat(created.path("id").asText()).isEqualTo("e-1");
        assertThat(created.path("subject").asText()).isEqualTo("c-1");
        assertThat(created.path("actor").asText()).isEqualTo("u-alice");
        assertThat(created.path("data").path("participant_ids").toString()).isEqualTo("[\"u-alice\",\"u-bob\"]");
        assertThat(created.path("data").path("admin_ids").toString()).isEqualTo("[\"u-alice\"]");
        JsonNode sent = value(records.get(2));
        assertThat(records.get(2).key()).isEqualTo("c-1");
        assertThat(sent.path("id").asText()).isEqualTo("e-2");
        assertThat(sent.path("time").asText()).isEqualTo("2026-03-01T12:00:03Z");
        assertThat(sent.path("data").path("message").toString())
                .isEqualTo("{\"id\":\"m-1\",\"conversation_id\":\"c-1\",\"sender_id\":\"u-alice\",\"body\":\"hi\"}");
    }

    @Test
    void anEditIsTheNextRevisionAndADeletionKeepsOnlyTheIds() throws IOException {
        ChatTraffic traffic =
                ChatTraffic.create().conversationCreated("c-1", "Team", "alice").messageSent("alice", "c-1", "hi");
        String id = traffic.lastMessageId();
        List<DumpRecord> records =
                traffic.messageEdited(id, "hi all").messageDeleted(id).records();

        JsonNode edited = value(records.get(2)).path("data").path("message");
        assertThat(edited.path("body").asText()).isEqualTo("hi all");
        assertThat(edited.path("revision").asInt()).isEqualTo(2);
        assertThat(value(records.get(3)).path("data").path("message").toString())
                .isEqualTo("{\"id\":\"m-1\",\"conversation_id\":\"c-1\",\"sender_id\":\"u-alice\",\"deleted\":true}");
    }

    @Test
    void aDeviceListGrowsAndAGapMovesTheClock() throws IOException {
        List<DumpRecord> records = ChatTraffic.create()
                .fcmDevice("bob", "f-1")
                .after(Duration.ofHours(1))
                .apnsDevice("bob", "a-1")
                .records();

        assertThat(value(records.get(1)).toString())
                .isEqualTo("{\"devices\":[{\"id\":\"d-bob-1\",\"platform\":"
                        + "\"fcm\",\"token\":\"f-1\"},{\"id\":\"d-bob-2\",\"platform\":\"apns\",\"token\":\"a-1\"}]}");
        assertThat(records.get(1).timestamp() - records.get(0).timestamp()).isEqualTo(3_600_000);
    }

    @Test
    void editingAMessageThatWasNeverSentNamesTheMessagesThereAre() {
        ChatTraffic traffic = ChatTraffic.create().messageSent("alice", "c-1", "hi");

        assertThatThrownBy(() -> traffic.messageEdited("m-7", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m-7")
                .hasMessageContaining("m-1 to m-1");
    }

    @Test
    void theDumpItWritesIsReadBackRecordForRecord() throws IOException {
        ChatTraffic traffic = ChatTraffic.create()
                .user("alice")
                .conversationCreated("c-1", "Team", "alice")
                .malformedRecord("c-1")
                .userDeleted("alice");
        Path dump = dir.resolve("traffic.jsonl");
        traffic.writeDump(dump);

        List<DumpRecord> read = new ArrayList<>();
        try (TopicDumpReader reader = TopicDumpReader.open(dump)) {
            reader.forEachRemaining(read::add);
        }
        assertThat(read).hasSameSizeAs(traffic.records());
        for (int i = 0; i < read.size(); i++) {
            DumpRecord expected = traffic.records().get(i);
            assertThat(read.get(i).topic()).isEqualTo(expected.topic());
            assertThat(read.get(i).key()).isEqualTo(expected.key());
            assertThat(read.get(i).timestamp()).isEqualTo(expected.timestamp());
            assertThat(read.get(i).value()).isEqualTo(expected.value());
        }
    }
}

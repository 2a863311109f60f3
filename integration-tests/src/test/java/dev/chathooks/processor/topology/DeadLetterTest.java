package dev.chathooks.processor.topology;

import static dev.chathooks.testsupport.fixtures.ChatEvents.bytes;
import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.event;
import static dev.chathooks.testsupport.fixtures.ChatEvents.sent;
import static dev.chathooks.testsupport.fixtures.ChatEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.testsupport.fixtures.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every unusable record goes to the dead-letter topic unchanged, with its reason, and processing goes on. */
class DeadLetterTest {
    @TempDir
    Path stateDir;

    private TopologyFixture topology;
    private long time = 1_000_000;

    @BeforeEach
    void start() {
        topology = new TopologyFixture(stateDir, Map.of("input.max-record-bytes", "4096"));
        topology.send(created("c-1", List.of("u-alice"), List.of()), time);
        topology.invocations();
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private TestRecord<byte[], byte[]> onlyDeadLetterOf(String key, byte[] value) {
        topology.sendRaw("chat.messages", key, value, ++time);
        // A message of a conversation with no state waits for its creation (join.unknown-conversation.wait).
        topology.driver.advanceWallClockTime(Duration.ofSeconds(15));
        assertThat(topology.invocations()).isEmpty();
        List<TestRecord<byte[], byte[]>> letters = topology.deadLetters();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.value()).as("the value is kept unchanged").isEqualTo(value);
        assertThat(letter.key()).isEqualTo(utf8(key));
        assertThat(letter.timestamp()).isEqualTo(time);
        return letter;
    }

    private String reasonOf(String key, byte[] value) {
        return TopologyFixture.reason(onlyDeadLetterOf(key, value));
    }

    @Test
    void deadLettersNameTheSourceTopicPartitionAndOffset() {
        TestRecord<byte[], byte[]> letter = onlyDeadLetterOf("c-1", utf8("{oops"));

        assertThat(TopologyFixture.header(letter, DeadLetterHeaders.SOURCE_TOPIC))
                .isEqualTo("chat.messages");
        assertThat(TopologyFixture.header(letter, DeadLetterHeaders.SOURCE_PARTITION))
                .isEqualTo("0");
        assertThat(TopologyFixture.header(letter, DeadLetterHeaders.SOURCE_OFFSET))
                .isEqualTo("0");
        assertThat(TopologyFixture.header(letter, DeadLetterHeaders.REASON_CODE))
                .isEqualTo("malformed-json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{oops", "[1,2]", "\"just a string\"", "42", "", "{\"a\":1} trailing"})
    void notAJsonObjectIsMalformedJson(String value) {
        assertThat(reasonOf("c-1", utf8(value))).startsWith("malformed-json: ");
    }

    @Test
    void aTombstoneOnAnEventTopicIsMalformedJson() {
        assertThat(reasonOf("c-1", null)).startsWith("malformed-json: the value is empty");
    }

    @Test
    void anUnknownTypeIsUnknownType() {
        assertThat(reasonOf("c-1", bytes(event("chat.message.forwarded", "c-1", "u-alice", Map.of()))))
                .startsWith("unknown-type: type 'chat.message.forwarded'");
    }

    @Test
    void missingOrWronglyTypedFieldsAreMissingField() {
        ObjectNode noId = sent("c-1", "m-1", "u-alice", "hi");
        noId.remove("id");
        assertThat(reasonOf("c-1", bytes(noId))).isEqualTo("missing-field: id is required");

        ObjectNode noSource = sent("c-1", "m-1", "u-alice", "hi");
        noSource.remove("source");
        assertThat(reasonOf("c-1", bytes(noSource))).isEqualTo("missing-field: source is required");

        ObjectNode numericId = sent("c-1", "m-1", "u-alice", "hi");
        numericId.put("id", 42);
        assertThat(reasonOf("c-1", bytes(numericId))).isEqualTo("missing-field: id must be a non-empty string");

        ObjectNode noMessageId = event("chat.message.sent", "c-1", "u-alice", Map.of("message", Map.of("body", "x")));
        assertThat(reasonOf("c-1", bytes(noMessageId))).isEqualTo("missing-field: data.message.id is required");

        ObjectNode badParticipants = event(
                "chat.conversation.created",
                "c-1",
                "u-alice",
                Map.of("conversation", Map.of("id", "c-1"), "participant_ids", "u-alice"));
        assertThat(reasonOf("c-1", bytes(badParticipants))).startsWith("missing-field: data.participant_ids");

        ObjectNode badTyping = event("chat.typing", "c-1", "u-alice", Map.of("user_id", "u-alice", "event", "dance"));
        assertThat(reasonOf("c-1", bytes(badTyping))).startsWith("missing-field: data.event is 'dance'");

        ObjectNode noData = sent("c-1", "m-1", "u-alice", "hi");
        noData.remove("data");
        assertThat(reasonOf("c-1", bytes(noData))).isEqualTo("missing-field: data must be an object");
    }

    @Test
    void aKeyThatIsNotTheSubjectIsKeyMismatch() {
        assertThat(reasonOf("c-2", bytes(sent("c-1", "m-1", "u-alice", "hi"))))
                .isEqualTo("key-mismatch: key c-2 is not the subject c-1");
    }

    @Test
    void aMessageOfAnotherConversationIsKeyMismatch() {
        ObjectNode event = event(
                "chat.message.sent",
                "c-1",
                "u-alice",
                Map.of("message", Map.of("id", "m-1", "conversation_id", "c-2")));
        assertThat(reasonOf("c-1", bytes(event))).startsWith("key-mismatch: data.message.conversation_id c-2");
    }

    @Test
    void aRecordWithoutKeyIsKeyMismatch() {
        assertThat(reasonOf(null, bytes(sent("c-1", "m-1", "u-alice", "hi")))).startsWith("key-mismatch: ");
    }

    @Test
    void aMessageToAConversationWithNoStateIsUnknownConversation() {
        assertThat(reasonOf("c-404", bytes(sent("c-404", "m-1", "u-alice", "hi"))))
                .startsWith("unknown-conversation: conversation c-404 has no state");
    }

    @Test
    void aValueOverTheSizeLimitIsTooLarge() {
        assertThat(reasonOf("c-1", bytes(sent("c-1", "m-1", "u-alice", "x".repeat(5000)))))
                .startsWith("too-large: the value has ");
    }

    @Test
    void deepNestingIsTooLarge() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        assertThat(reasonOf("c-1", utf8(deep))).startsWith("too-large: ");
    }

    @Test
    void processingGoesOnAfterBadRecords() {
        topology.sendRaw("chat.messages", "c-1", utf8("{oops"), ++time);
        topology.send(sent("c-1", "m-1", "u-alice", "still here"), ++time);

        assertThat(topology.deadLetters()).hasSize(1);
        assertThat(topology.invocations()).extracting(Invocation::eventId).hasSize(1);
    }

    @Test
    void anUnusableLookupTableRecordIsDeadLetteredAndTheTableKept() {
        topology.sendRaw("chat.users", "u-alice", utf8("{\"id\":\"u-alice\",\"username\":\"alice\"}"), ++time);
        topology.sendRaw("chat.users", "u-alice", utf8("{\"id\":\"u-mallory\"}"), ++time);
        topology.sendRaw("chat.users", "u-bob", utf8("not json"), ++time);

        assertThat(topology.lookupDeadLetters)
                .extracting(letter -> TopologyFixture.header(
                        new TestRecord<>(letter.key(), letter.value(), letter.headers(), letter.timestamp()),
                        DeadLetterHeaders.REASON_CODE))
                .containsExactly("key-mismatch", "malformed-json");
        assertThat(topology.lookupDeadLetters)
                .allSatisfy(letter -> assertThat(letter.sourceTopic()).isEqualTo("chat.users"));
        assertThat(new String(topology.driver
                        .<String, byte[]>getKeyValueStore("lookup-chat.users")
                        .get("u-alice")))
                .contains("alice");
    }
}

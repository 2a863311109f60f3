package dev.chathooks.cli.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.devtools.simulation.ChatSimulator;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.ReasonCode;
import dev.chathooks.processor.deadletter.RejectedRecordException;
import dev.chathooks.processor.event.EventParser;
import dev.chathooks.processor.event.EventType;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published schemas ({@code schemas/}), the processor's event parser, the simulator and the example dumps
 * agree: what the project writes is valid, what the schemas refuse the processor dead-letters, and the docs name
 * every type and reason code.
 */
class EventSchemasTest {
    private static final ChatHooksConfig CONFIG = ChatHooksConfig.defaultConfig();
    private static final ChatHooksConfig.Topics TOPICS = CONFIG.topics();
    /** What a schema cannot see: the record key, and the record's size in bytes. */
    private static final Set<ReasonCode> BEYOND_SCHEMAS = EnumSet.of(ReasonCode.KEY_MISMATCH, ReasonCode.TOO_LARGE);
    /** What a schema refuses, the processor must dead-letter with one of these. */
    private static final Set<ReasonCode> SCHEMA_CODES =
            EnumSet.of(ReasonCode.MALFORMED_JSON, ReasonCode.UNKNOWN_TYPE, ReasonCode.MISSING_FIELD);

    private final EventParser parser = new EventParser(CONFIG.maxRecordBytes());

    @Test
    void everyRecordTheSimulatorProducesMatchesTheSchemasAndIsAccepted() throws Exception {
        ChatSimulator simulator = new ChatSimulator(TOPICS, 30, 10, 42, 1_795_500_000_000L);
        Set<String> types = new HashSet<>();
        for (DumpRecord record : simulator.take(5_000)) {
            JsonNode value = Json.mapper().readTree(record.value());
            if (record.topic().equals(TOPICS.users())) {
                assertThat(EventSchemas.errors(EventSchemas.USER, value))
                        .as(record.toString())
                        .isEmpty();
            } else if (record.topic().equals(TOPICS.devices())) {
                assertThat(EventSchemas.errors(EventSchemas.DEVICES, value))
                        .as(record.toString())
                        .isEmpty();
            } else {
                assertThat(EventSchemas.errors(EventSchemas.EVENT, value))
                        .as(record.toString())
                        .isEmpty();
                parser.parse(key(record), record.value(), record.timestamp());
                types.add(value.get("type").textValue());
            }
        }
        // Every type but the snapshot, which a live chat server sends only to repair state.
        assertThat(types).hasSize(EventType.values().length - 1);
    }

    @Test
    void everyExampleDumpLineMatchesTheSchemasExactlyWhereTheProcessorAcceptsIt() throws IOException {
        List<Path> dumps;
        try (Stream<Path> files = Files.list(EventSchemas.REPO.resolve("examples/dumps"))) {
            dumps = files.filter(path -> path.toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        }
        assertThat(dumps).isNotEmpty();
        int valid = 0;
        int refused = 0;
        for (Path dump : dumps) {
            for (String line : Files.readAllLines(dump)) {
                JsonNode record = Json.mapper().readTree(line);
                assertThat(EventSchemas.errors(EventSchemas.DUMP_LINE, record))
                        .as(line)
                        .isEmpty();
                JsonNode value = record.get("value");
                String topic = record.get("topic").textValue();
                if (topic.equals(TOPICS.users())) {
                    assertThat(EventSchemas.errors(EventSchemas.USER, value))
                            .as(line)
                            .isEmpty();
                } else if (topic.equals(TOPICS.devices())) {
                    assertThat(EventSchemas.errors(EventSchemas.DEVICES, value))
                            .as(line)
                            .isEmpty();
                } else if (value.isObject()) {
                    boolean schemaValid =
                            EventSchemas.errors(EventSchemas.EVENT, value).isEmpty();
                    ReasonCode parserVerdict = verdict(record.get("key").textValue(), value);
                    if (schemaValid) {
                        valid++;
                        assertThat(parserVerdict)
                                .as("accepted by the schemas: " + line)
                                .satisfiesAnyOf(
                                        code -> assertThat(code).isNull(),
                                        code -> assertThat(BEYOND_SCHEMAS).contains(code));
                    } else {
                        refused++;
                        assertThat(parserVerdict)
                                .as("refused by the schemas: " + line)
                                .isIn(SCHEMA_CODES);
                    }
                }
            }
        }
        assertThat(valid).as("valid events in the dumps").isPositive();
        assertThat(refused).as("events the dumps hold to show bad input").isPositive();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'id':'e-1','source':'/s','type':'chat.message.sent','subject':'c-1','data':{'message':{'id':'m-1'}}}",
                "{'specversion':'0.3','id':'e-1','source':'/s','type':'chat.message.sent','subject':'c-1','data':{'message':{'id':'m-1'}}}",
                "{'specversion':'1.0','source':'/s','type':'chat.message.sent','subject':'c-1','data':{'message':{'id':'m-1'}}}",
                "{'specversion':'1.0','id':'','source':'/s','type':'chat.message.sent','subject':'c-1','data':{'message':{'id':'m-1'}}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.message.forwarded','subject':'c-1','data':{'message':{'id':'m-1'}}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.message.sent','data':{'message':{'id':'m-1'}}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.message.sent','subject':'c-1','actor':7,'data':{'message':{'id':'m-1'}}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.message.sent','subject':'c-1','data':'hi'}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.message.sent','subject':'c-1','data':{}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.message.updated','subject':'c-1','data':{'message':{'body':'no id'}}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.message.deleted','subject':'c-1','data':{'message':{'id':'m-1','sender_id':5}}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.conversation.created','subject':'c-1','data':{'conversation':{'id':'c-1'}}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.conversation.snapshot','subject':'c-1','data':{'conversation':{'id':'c-1'},'participant_ids':['u-1',2]}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.conversation.updated','subject':'c-1','data':{}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.conversation.deleted','subject':'c-1','data':{'conversation':{'title':'no id'}}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.participants.added','subject':'c-1','data':{'user_ids':[]}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.participants.removed','subject':'c-1','data':{'user_ids':'u-1'}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.typing','subject':'c-1','data':{'user_id':'u-1','event':'typing'}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.typing','subject':'c-1','data':{'event':'begin'}}",
                "{'specversion':'1.0','id':'e-1','source':'/s','type':'chat.typing','subject':'c-1','data':{'user_id':'u-1','event':'begin','at':true}}"
            })
    void anInvalidEventIsRefusedByTheSchemasAndDeadLetteredByTheProcessor(String singleQuoted) throws IOException {
        JsonNode event = Json.mapper().readTree(singleQuoted.replace('\'', '"'));

        assertThat(EventSchemas.errors(EventSchemas.EVENT, event)).isNotEmpty();
        assertThat(verdict("c-1", event)).isIn(SCHEMA_CODES);
    }

    @Test
    void aDeviceOfAnUnknownPlatformIsRefused() throws IOException {
        JsonNode devices =
                Json.mapper().readTree("{\"devices\":[{\"id\":\"d-1\",\"platform\":\"sms\",\"token\":\"t\"}]}");

        assertThat(EventSchemas.errors(EventSchemas.DEVICES, devices)).isNotEmpty();
    }

    @Test
    void theSchemasKnowExactlyTheProcessorsEventTypes() throws IOException {
        JsonNode envelope = Json.mapper()
                .readTree(EventSchemas.SCHEMAS.resolve("envelope.schema.json").toFile());
        List<String> schemaTypes = new ArrayList<>();
        envelope.at("/properties/type/enum").forEach(type -> schemaTypes.add(type.textValue()));
        List<String> processorTypes =
                Arrays.stream(EventType.values()).map(EventType::wireName).toList();

        assertThat(schemaTypes).containsExactlyInAnyOrderElementsOf(processorTypes);
        for (String type : processorTypes) {
            assertThat(EventSchemas.SCHEMAS.resolve("events/" + type + ".schema.json"))
                    .exists();
        }
    }

    @Test
    void theEventsDocNamesEveryTypeAndEveryReasonCode() throws IOException {
        String doc = Files.readString(EventSchemas.REPO.resolve("docs/events.md"));

        for (EventType type : EventType.values()) {
            assertThat(doc).contains("`" + type.wireName() + "`");
        }
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(doc).contains("`" + code.code() + "`");
        }
    }

    /** The reason code the processor's parser rejects the event with, or null when it accepts it. */
    private ReasonCode verdict(String key, JsonNode event) {
        byte[] value;
        try {
            value = Json.mapper().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RejectedRecordException rejected = catchThrowableOfType(
                RejectedRecordException.class, () -> parser.parse(key.getBytes(StandardCharsets.UTF_8), value, 0));
        return rejected == null ? null : rejected.rejection().code();
    }

    private static byte[] key(DumpRecord record) {
        return record.key().getBytes(StandardCharsets.UTF_8);
    }
}

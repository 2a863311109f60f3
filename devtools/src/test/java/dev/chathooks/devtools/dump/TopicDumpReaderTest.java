package dev.chathooks.devtools.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicDumpReaderTest {
    private static List<DumpRecord> read(String text) {
        List<DumpRecord> records = new ArrayList<>();
        TopicDumpReader.of("dump.jsonl", new BufferedReader(new StringReader(text)))
                .forEachRemaining(records::add);
        return records;
    }

    @Test
    void readsObjectsStringsAndTombstonesWithEitherTimestampForm() {
        List<DumpRecord> records = read(String.join(
                "\n",
                "{\"topic\":\"chat.users\",\"key\":\"u-1\",\"timestamp\":\"2026-11-24T10:00:00.120Z\",\"value\":{\"id\":\"u-1\"}}",
                "",
                "{\"topic\":\"chat.messages\",\"key\":\"c-1\",\"timestamp\":1795557600000,\"value\":\"{not json\"}",
                "{\"topic\":\"chat.users\",\"key\":\"u-2\",\"timestamp\":5,\"value\":null,\"headers\":{\"h\":\"v\"}}"));

        assertThat(records).hasSize(3);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"u-1\"}");
        assertThat(records.get(0).timestamp()).isEqualTo(1795514400120L);
        assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(records.get(2).value()).isNull();
        assertThat(records.get(2).headers()).containsEntry("h", "v");
    }

    @Test
    void errorsNameTheFileLineAndField() {
        assertThatThrownBy(() -> read("{\"topic\":\"t\",\"key\":\"k\",\"value\":null}\n"))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageStartingWith("dump.jsonl line 1 needs \"timestamp\"");
        assertThatThrownBy(() -> read("\n{\"key\":\"k\",\"timestamp\":1,\"value\":null}\n"))
                .hasMessageStartingWith("dump.jsonl line 2 needs \"topic\"");
        assertThatThrownBy(() -> read("{\"topic\":\"t\",\"timestamp\":1,\"value\":[1]}\n"))
                .hasMessageContaining("\"value\" that is neither");
        assertThatThrownBy(() -> read("not json\n")).hasMessageContaining("line 1 is not JSON");
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonLinesWriter writer = new JsonLinesWriter(out)) {
            writer.write(new DumpRecord(
                    "chat.messages", "c-1", 42, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Map.of("x", "y")));
            writer.write(
                    new DumpRecord("chat.messages", null, 43, "plain text".getBytes(StandardCharsets.UTF_8), Map.of()));
            writer.write(new DumpRecord("chat.users", "u-1", 44, null, Map.of()));
        }

        List<DumpRecord> back = read(out.toString());
        assertThat(back)
                .extracting(DumpRecord::topic, DumpRecord::key, DumpRecord::timestamp)
                .containsExactly(
                        tuple("chat.messages", "c-1", 42L),
                        tuple("chat.messages", null, 43L),
                        tuple("chat.users", "u-1", 44L));
        assertThat(new String(back.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("plain text");
        assertThat(back.get(0).headers()).containsEntry("x", "y");
        assertThat(back.get(2).value()).isNull();
    }
}

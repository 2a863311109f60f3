package dev.chathooks.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.dump.DumpRecord;
import dev.chathooks.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes records as a topic dump: the format {@code chat-hooks dump} writes and {@code replay} reads. */
final class DumpFiles {
    private DumpFiles() {
    }

    static void write(Path file, List<DumpRecord> records) throws IOException {
        List<String> lines = new ArrayList<>();
        for (DumpRecord record : records) {
            ObjectNode line = Json.object();
            line.put("topic", record.topic());
            line.put("key", record.key());
            line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
            if (record.value() == null) {
                line.putNull("value");
            } else {
                line.set("value", value(record.value()));
            }
            lines.add(Json.mapper().writeValueAsString(line));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** A JSON object as itself; anything else as a string of its bytes, as the dump format says. */
    private static JsonNode value(byte[] value) {
        try {
            JsonNode node = Json.mapper().readTree(value);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // not JSON: written as a string below
        }
        return Json.mapper().getNodeFactory().textNode(new String(value, StandardCharsets.UTF_8));
    }
}

package dev.chathooks.processor.tables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.api.ChatObject;
import dev.chathooks.api.LookupTable;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.util.Optional;

/** The hook API's {@link LookupTable} over a {@link TableReader}: values are parsed into {@link ChatObject}s. */
public final class JsonLookupTable implements LookupTable {
    private final String topic;
    private final TableReader reader;

    public JsonLookupTable(String topic, TableReader reader) {
        this.topic = topic;
        this.reader = reader;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public Optional<ChatObject> get(String key) {
        return reader.get(key).flatMap(JsonLookupTable::parse).map(ChatObject::of);
    }

    /** The raw value as a map, empty if it is not a JSON object (the table only holds objects, but be safe). */
    static Optional<java.util.Map<String, Object>> parse(byte[] value) {
        try {
            JsonNode node = Json.mapper().readTree(value);
            return node != null && node.isObject() ? Optional.of(Json.toMap(node)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "LookupTable{" + topic + "}";
    }
}

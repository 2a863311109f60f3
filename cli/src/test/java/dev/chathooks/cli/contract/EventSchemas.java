package dev.chathooks.cli.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JSON Schemas under {@code schemas/}, loaded from the repository as a chat server team would load them. */
final class EventSchemas {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path SCHEMAS = REPO.resolve("schemas");
    private static final String BASE_ID = "https://chathooks.dev/schemas/";

    // The schemas' $ids are read from the files in the repository: nothing is fetched from the network.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(EventSchemas::readById)
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build()));

    static final Schema EVENT = load("event.schema.json");
    static final Schema USER = load("records/user.schema.json");
    static final Schema DEVICES = load("records/devices.schema.json");
    static final Schema DUMP_LINE = load("topic-dump-line.schema.json");

    private EventSchemas() {}

    static Schema load(String path) {
        return REGISTRY.getSchema(SchemaLocation.of(BASE_ID + path));
    }

    private static String readById(String id) {
        if (!id.startsWith(BASE_ID)) {
            return null;
        }
        try {
            return Files.readString(SCHEMAS.resolve(id.substring(BASE_ID.length())));
        } catch (IOException e) {
            throw new UncheckedIOException("schema " + id + " is not in " + SCHEMAS, e);
        }
    }

    /** The schema's complaints about {@code value}, empty when it is valid. */
    static List<String> errors(Schema schema, JsonNode value) {
        return schema.validate(value).stream().map(Error::toString).toList();
    }
}

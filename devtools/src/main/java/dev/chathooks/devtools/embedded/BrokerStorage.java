package dev.chathooks.devtools.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded broker's storage: formatted once, by Kafka's own storage tool. */
final class BrokerStorage {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerStorage.class);
    private static final String META_PROPERTIES = "meta.properties";

    private BrokerStorage() {}

    /**
     * Formats on the first start only, so that a restart finds its cluster id, topics and offsets again. Kafka's
     * own storage tool does it, from the same properties the broker starts with.
     */
    static void formatIfNeeded(Path dataDirectory, Properties properties, Path logDirectory) {
        if (Files.exists(logDirectory.resolve(META_PROPERTIES))) {
            return;
        }
        Path configFile = dataDirectory.resolve("format.properties");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                properties.store(writer, "Written by Chat Hooks to format the embedded broker's storage");
            }
            String[] arguments = {
                "format",
                "--config",
                configFile.toString(),
                "--cluster-id",
                Uuid.randomUuid().toString()
            };
            int exitCode = StorageTool.execute(arguments, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exitCode != 0) {
                throw new EmbeddedKafkaException("Cannot format the embedded broker's data directory " + logDirectory
                        + ": " + output.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (EmbeddedKafkaException e) {
            throw e;
        } catch (Exception e) {
            throw new EmbeddedKafkaException(
                    "Cannot format the embedded broker's data directory " + logDirectory + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(configFile);
            } catch (IOException e) {
                LOG.debug("Could not delete {}", configFile, e);
            }
        }
    }
}

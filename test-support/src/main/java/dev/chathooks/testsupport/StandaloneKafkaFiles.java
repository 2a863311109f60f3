package dev.chathooks.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.tools.StorageTool;

/** The files of a {@link StandaloneKafka}'s nodes: their {@code server.properties}, storage and logging. */
final class StandaloneKafkaFiles {
    private StandaloneKafkaFiles() {}

    static void write(Path file, Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "server.properties of a standalone test broker");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static void runStorageTool(Path config, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(
                new String[] {"format", "--config", config.toString(), "--cluster-id", clusterId},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Cannot format the log directory of " + config + ": "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** Kafka's INFO lines, as {@code kafka-server-start.sh} would print them, rather than the tests' own levels. */
    static void writeLogConfig(Path file) {
        if (Files.exists(file)) {
            return;
        }
        String xml = """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka.clients.NetworkClient" level="ERROR"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """;
        try {
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}

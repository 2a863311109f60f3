package dev.chathooks.testsupport;

import dev.chathooks.devtools.embedded.EmbeddedKafka;
import dev.chathooks.processor.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One in-process broker for every test in this JVM: started on first use on a free port with its data in a
 * temporary directory, stopped (and the directory deleted) when the JVM exits. Test classes share it, so each
 * test must use {@link TestTopics#uniqueName unique topic} and group names.
 */
public final class SharedKafka {
    private static EmbeddedKafka broker;

    private SharedKafka() {}

    /** The shared broker's bootstrap servers, starting it if this is the first call. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = start();
        }
        return broker.bootstrapServers();
    }

    private static EmbeddedKafka start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("chat-hooks-test-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException("No temporary directory for the test broker", e);
        }
        EmbeddedKafka started = EmbeddedKafka.builder(directory).port(0).build().start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            started.close();
                            Directories.deleteRecursively(directory);
                        },
                        "test-kafka-shutdown"));
        return started;
    }
}

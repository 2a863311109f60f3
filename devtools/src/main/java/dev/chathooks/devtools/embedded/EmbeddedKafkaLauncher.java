package dev.chathooks.devtools.embedded;

import dev.chathooks.processor.runtime.LocalBroker;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts an {@link EmbeddedKafka} for the core's runtime when no {@code bootstrap.servers} is given; found through
 * {@code META-INF/services/dev.chathooks.processor.runtime.LocalBroker$Launcher}.
 */
public final class EmbeddedKafkaLauncher implements LocalBroker.Launcher {

    @Override
    public LocalBroker start(Path directory, int port, Map<String, String> brokerProperties) {
        return EmbeddedKafka.builder(directory)
                .port(port)
                .brokerProperties(brokerProperties)
                .build()
                .start();
    }
}

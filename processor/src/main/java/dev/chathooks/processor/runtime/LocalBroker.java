package dev.chathooks.processor.runtime;

import dev.chathooks.processor.errors.UserErrorException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A single-node Kafka broker that {@link ChatHooksRuntime} starts in its own process when no
 * {@code bootstrap.servers} is given: the development set-up of {@code chat-hooks run} and {@code demo}.
 *
 * <p>The core does not hold a broker: the broker's classes (the {@code kafka_2.13} artifact) are far larger than
 * the processor and are never used in production. The implementation is in the {@code devtools} module and is found
 * through {@link ServiceLoader}; a build without it says so when a broker is asked for.
 */
public interface LocalBroker extends AutoCloseable {

    /** The {@code host:port} clients connect to. */
    String bootstrapServers();

    /** Stops the broker, keeping its data; never throws. */
    @Override
    void close();

    /** Starts local brokers; an implementation has a public no-argument constructor and is named in
     * {@code META-INF/services/dev.chathooks.processor.runtime.LocalBroker$Launcher}. */
    interface Launcher {
        /**
         * Starts a broker with its data in {@code directory} (made if missing, reused if there), listening on
         * {@code port} (0 for any free port), with {@code brokerProperties} over the launcher's defaults. Returns
         * once the broker serves requests.
         */
        LocalBroker start(Path directory, int port, Map<String, String> brokerProperties);
    }

    /**
     * The launcher on the class path.
     *
     * @throws NoLocalBrokerException if there is none: this build holds the core alone
     */
    static Launcher launcher() {
        return ServiceLoader.load(Launcher.class, LocalBroker.class.getClassLoader())
                .findFirst()
                .orElseThrow(NoLocalBrokerException::new);
    }

    /** No broker can be started here: the user has to name a cluster. */
    final class NoLocalBrokerException extends UserErrorException {
        private static final long serialVersionUID = 1L;

        NoLocalBrokerException() {
            super("bootstrap.servers is not set, and this build has no embedded Kafka broker to start (the devtools"
                    + " module is not on the class path): set bootstrap.servers to your Kafka cluster, such as"
                    + " kafka-1:9092,kafka-2:9092.");
        }
    }
}

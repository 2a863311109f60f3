package dev.chathooks.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import dev.chathooks.devtools.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The embedded broker's stop logs one warning of Kafka's own double close, which the default logging drops. */
class EmbeddedBrokerShutdownNoiseTest {
    private static final String DOUBLE_CLOSE = "Attempting to close NetworkClient that has already been closed.";

    @TempDir
    Path dir;

    @Test
    void theOnlyNetworkClientWarningOfAStartAndStopIsTheDoubleCloseAndItIsDropped() throws InterruptedException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger networkClient = context.getLogger(EmbeddedBrokerShutdownNoise.LOGGER);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(context);
        seen.start();
        networkClient.addAppender(seen);
        Level level = networkClient.getLevel();
        networkClient.setLevel(Level.WARN); // whatever the test class path's logback-test.xml says
        try {
            EmbeddedKafka broker = EmbeddedKafka.builder(dir).port(0).build().start();
            // Stopped after the broker has settled, as a run's or a demo's broker is.
            Thread.sleep(3000);
            broker.close();
        } finally {
            networkClient.setLevel(level);
            networkClient.detachAppender(seen);
        }

        List<ILoggingEvent> warnings = seen.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .toList();
        EmbeddedBrokerShutdownNoise noise = new EmbeddedBrokerShutdownNoise();
        assertThat(warnings).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.endsWith(DOUBLE_CLOSE));
        assertThat(warnings).allSatisfy(event -> assertThat(noise.decide(event)).isEqualTo(FilterReply.DENY));
    }

    @Test
    void otherNetworkClientWarningsAreKept() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger(EmbeddedBrokerShutdownNoise.LOGGER);
        EmbeddedBrokerShutdownNoise noise = new EmbeddedBrokerShutdownNoise();

        assertThat(noise.decide(new LoggingEvent(
                        "x", logger, Level.WARN, "[Producer clientId=p-1] " + DOUBLE_CLOSE, null, null)))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(noise.decide(new LoggingEvent(
                        "x",
                        logger,
                        Level.WARN,
                        "[NodeToControllerChannelManager id=1 name=registration] Connection to node 1 could not be established.",
                        null,
                        null)))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}

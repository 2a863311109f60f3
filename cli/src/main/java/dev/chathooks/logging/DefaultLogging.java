package dev.chathooks.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Chat Hooks' default logging, set up in code: logback finds it through {@code META-INF/services} and runs it before
 * its own search for a configuration file. Reading a {@code logback.xml} took about 150 ms of every start (the XML
 * parser and logback's configuration model are loaded for it), before anything else could happen.
 *
 * <p>Logs go to standard error, so that standard output carries what hooks print. Chat Hooks' own loggers log at
 * {@code INFO}, or at the level in {@code CHAT_HOOKS_LOG_LEVEL} (a system property or an environment variable);
 * everything else at {@code WARN}, and a few of Kafka's warnings that are normal here not at all.
 *
 * <p>A configuration of the user's own wins: given with {@code -Dlogback.configurationFile}, or as a
 * {@code logback.xml} or {@code logback-test.xml} on the class path, it is left to logback to read as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    /** The environment variable (or system property) that sets Chat Hooks' own log level. */
    public static final String LEVEL_VARIABLE = "CHAT_HOOKS_LOG_LEVEL";

    private static final Map<String, Level> LEVELS = Map.of(
            "org.apache.kafka", Level.WARN,
            "kafka", Level.WARN,
            // Warns for every StreamsConfig made, the Topology's own default one included, though ours enables it.
            "org.apache.kafka.streams.StreamsConfig", Level.ERROR,
            // A new embedded cluster bootstrapping its metadata is not worth a warning to the user.
            "org.apache.kafka.controller.QuorumController", Level.ERROR,
            // A replay keeps its state in a temporary directory on purpose.
            "org.apache.kafka.streams.processor.internals.StateDirectory", Level.ERROR,
            "state.change.logger", Level.WARN);

    /** Called by logback's {@link java.util.ServiceLoader}. */
    public DefaultLogging() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userConfiguration()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        context.getLogger("dev.chathooks").setLevel(Level.toLevel(ownLevel(), Level.INFO));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean userConfiguration() {
        if (System.getProperty("logback.configurationFile") != null) {
            return true;
        }
        ClassLoader loader = DefaultLogging.class.getClassLoader();
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }

    private static String ownLevel() {
        String level = System.getProperty(LEVEL_VARIABLE);
        return level != null ? level : System.getenv(LEVEL_VARIABLE);
    }
}

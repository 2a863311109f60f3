package dev.chathooks.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Chat Hooks' default logging, set up in code: logback finds it through {@code META-INF/services} and runs it before
 * its own search for a configuration file. Reading a {@code logback.xml} took about 150 ms of every start (the XML
 * parser and logback's configuration model are loaded for it), before anything else could happen.
 *
 * <p>Logs go to standard error, so that standard output carries what hooks print. Chat Hooks' own loggers log at
 * {@code INFO}, or at the level of the key {@code logging.level}, read here from its environment form
 * {@code CHAT_HOOKS_LOGGING_LEVEL} (or the older {@code CHAT_HOOKS_LOG_LEVEL}; either also as a system property) so
 * that the first lines have it, and switched by {@link #useLevel} when the key is set otherwise;
 * everything else at {@code WARN}, and a few of Kafka's warnings that are normal here not at all (among them the
 * embedded broker's double close at every stop: {@link EmbeddedBrokerShutdownNoise}).
 *
 * <p>Lines are text for people, or one JSON object per line for containers' log collectors when
 * {@code CHAT_HOOKS_LOGGING_FORMAT} is {@code json} (the environment form of the key {@code logging.format}, read
 * here so that the first line is JSON too); {@link #useFormat} switches when the key is set otherwise. A JSON line
 * holds the time, level, thread, logger, the formatted message and any exception: not the message's arguments
 * apart, nor the MDC, so that a JSON line holds no more than its text line.
 *
 * <p>A configuration of the user's own wins: given with {@code -Dlogback.configurationFile}, or as a
 * {@code logback.xml} or {@code logback-test.xml} on the class path, it is left to logback to read as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    /** The environment variable (or system property) that sets Chat Hooks' own log level: key {@code logging.level}. */
    public static final String LEVEL_VARIABLE = "CHAT_HOOKS_LOGGING_LEVEL";
    /** The name {@link #LEVEL_VARIABLE} had before it was a configuration key; still read. */
    private static final String OLD_LEVEL_VARIABLE = "CHAT_HOOKS_LOG_LEVEL";

    private static final String OWN_LOGGERS = "dev.chathooks";
    /** The environment variable (or system property) that sets the format: {@code text} or {@code json}. */
    public static final String FORMAT_VARIABLE = "CHAT_HOOKS_LOGGING_FORMAT";

    private static final String APPENDER = "STDERR";

    private static final Map<String, Level> LEVELS = Map.of(
            "org.apache.kafka", Level.WARN,
            "kafka", Level.WARN,
            // Warns for every StreamsConfig made, the Topology's own default one included, though ours enables it.
            "org.apache.kafka.streams.StreamsConfig", Level.ERROR,
            // A new embedded cluster bootstrapping its metadata is not worth a warning to the user.
            "org.apache.kafka.controller.QuorumController", Level.ERROR,
            // A replay keeps its state in a temporary directory on purpose.
            "org.apache.kafka.streams.processor.internals.StateDirectory", Level.ERROR,
            "state.change.logger", Level.WARN,
            // One instance alone has nowhere to put the standby replica (num.standby.replicas=1) of each task, and
            // said so for every task at every rebalance: expected, until a second instance joins.
            "org.apache.kafka.streams.processor.internals.assignment.DefaultStandbyTaskAssignor", Level.ERROR);

    /** Called by logback's {@link java.util.ServiceLoader}. */
    public DefaultLogging() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userConfiguration()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget("System.err");
        appender.setEncoder(encoder(context, "json".equals(variable(FORMAT_VARIABLE)) ? "json" : "text"));
        EmbeddedBrokerShutdownNoise noise = new EmbeddedBrokerShutdownNoise();
        noise.setContext(context);
        noise.start();
        appender.addFilter(noise);
        appender.start();

        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        context.getLogger(OWN_LOGGERS).setLevel(Level.toLevel(ownLevel(), Level.INFO));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Switches the default logging to {@code format} ({@code text} or {@code json}, as the key {@code logging.format}
     * says). Does nothing when the user's own logback configuration is in use.
     */
    public static void useFormat(String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(APPENDER) instanceof ConsoleAppender<ILoggingEvent> appender)) {
            return; // a configuration of the user's own
        }
        boolean json = appender.getEncoder() instanceof JsonEncoder;
        if (json == format.equals("json")) {
            return;
        }
        appender.stop();
        appender.setEncoder(encoder(context, format));
        appender.start();
    }

    /**
     * Sets the level of Chat Hooks' own loggers to {@code level}, as the key {@code logging.level} says. Does nothing
     * when the user's own logback configuration is in use.
     */
    public static void useLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER) != null) {
            context.getLogger(OWN_LOGGERS).setLevel(Level.toLevel(level, Level.INFO));
        }
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
        if (format.equals("json")) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMDC(false);
            json.setWithKVPList(false);
            json.setWithMessage(false); // the pattern alone; the formatted message follows
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        text.start();
        return text;
    }

    private static boolean userConfiguration() {
        if (System.getProperty("logback.configurationFile") != null) {
            return true;
        }
        ClassLoader loader = DefaultLogging.class.getClassLoader();
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }

    private static String ownLevel() {
        String level = variable(LEVEL_VARIABLE);
        return level != null ? level : variable(OLD_LEVEL_VARIABLE);
    }

    private static String variable(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }
}

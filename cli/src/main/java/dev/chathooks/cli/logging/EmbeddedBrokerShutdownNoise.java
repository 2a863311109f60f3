package dev.chathooks.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the one warning every stop of the embedded broker logs: "[NodeToControllerChannelManager id=1
 * name=registration] Attempting to close NetworkClient that has already been closed." Kafka 4.4's
 * {@code ControllerServer.shutdown} closes its {@code ControllerRegistrationManager}, which shuts down the
 * registration channel manager it was started with, and then shuts down that same channel manager itself: the
 * second close finds its {@code NetworkClient} closed. It happens inside Kafka in combined (broker and controller)
 * mode, whatever the caller does, and nothing is wrong; every other {@code NetworkClient} warning is kept.
 */
final class EmbeddedBrokerShutdownNoise extends Filter<ILoggingEvent> {
    static final String LOGGER = "org.apache.kafka.clients.NetworkClient";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel() == Level.WARN && LOGGER.equals(event.getLoggerName())) {
            String message = event.getFormattedMessage();
            if (message != null
                    && message.startsWith("[NodeToControllerChannelManager ")
                    && message.contains(" name=registration]")
                    && message.endsWith("Attempting to close NetworkClient that has already been closed.")) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}

package dev.chathooks.processor.metrics;

/**
 * A hook's dispatch counters as a JMX MBean, registered by {@link HookStatsMBeans} as
 * {@code dev.chathooks:type=hook,application="<application.id>",name="<hook>"} (the values quoted by
 * {@code ObjectName.quote}), next to the Kafka clients' and Kafka Streams' own metrics; {@code /metrics} has these
 * and more. See {@link HookCallMetrics} for what each counts.
 */
public interface HookStatsMBean {
    long getCalls();

    long getSucceeded();

    long getDeadLettered();

    long getRetries();

    long getSkippedDuplicates();
}

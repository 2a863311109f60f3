package dev.chathooks.dispatch;

/**
 * A hook's dispatch counters as a JMX MBean, {@code dev.chathooks:type=hook,name=<hook>}, next to the Kafka
 * clients' and Kafka Streams' own metrics; {@code /metrics} has these and more. See {@link dev.chathooks.metrics.HookCallMetrics} for what each counts.
 */
public interface HookStatsMBean {
    long getCalls();

    long getSucceeded();

    long getDeadLettered();

    long getRetries();

    long getSkippedDuplicates();
}

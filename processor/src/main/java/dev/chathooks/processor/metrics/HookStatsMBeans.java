package dev.chathooks.processor.metrics;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each hook's call counters over JMX too while the runtime runs, for JMX-based tools, as
 * {@link HookStatsMBean}s: it costs nothing on the hot path, since JMX reads the same meters as {@code /metrics}
 * only when asked. Closing it unregisters what it registered.
 */
public final class HookStatsMBeans implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HookStatsMBeans.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();

    /**
     * Registers hook {@code hook}'s counters as {@code dev.chathooks:type=hook,application=<applicationId>,
     * name=<hook>} (both values quoted), taking the name over if another runtime in this JVM has it.
     */
    public void register(String applicationId, String hook, HookCallMetrics stats) {
        HookStatsMBean bean = new HookStatsMBean() {
            @Override
            public long getCalls() {
                return stats.calls();
            }

            @Override
            public long getSucceeded() {
                return stats.succeeded();
            }

            @Override
            public long getDeadLettered() {
                return stats.deadLettered();
            }

            @Override
            public long getRetries() {
                return stats.retries();
            }

            @Override
            public long getSkippedDuplicates() {
                return stats.skippedDuplicate();
            }
        };
        try {
            ObjectName name = new ObjectName("dev.chathooks:type=hook,application=" + ObjectName.quote(applicationId)
                    + ",name=" + ObjectName.quote(hook));
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a second runtime in one JVM (tests) takes the name over
            }
            server.registerMBean(new StandardMBean(bean, HookStatsMBean.class), name);
            registered.add(name);
        } catch (JMException e) {
            LOG.warn("Could not publish the metrics of hook '{}' over JMX: {}", hook, e.toString());
        }
    }

    /** Unregisters every MBean this registered. */
    @Override
    public void close() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                // already gone
            }
        }
        registered.clear();
    }
}

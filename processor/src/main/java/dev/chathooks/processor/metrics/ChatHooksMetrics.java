package dev.chathooks.processor.metrics;

import dev.chathooks.api.HookMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one metrics registry, written in the Prometheus text format by {@link #scrape()}: the JVM's
 * figures from the start, Kafka Streams' and the Kafka clients' once they are {@linkplain #bind bound}, and the
 * processor's own ({@link #pipeline()}, {@link #hookCalls}, {@link #trackLag}, hooks' {@link #hookMetrics}).
 * Thread-safe. Closing it stops the binders that poll; the registry can still be scraped.
 */
public final class ChatHooksMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatHooksMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final PipelineMetrics pipeline;
    private final Map<String, HookCallMetrics> hookCalls = new ConcurrentHashMap<>();
    private final Map<String, HookMetrics> hookMetrics = new ConcurrentHashMap<>();
    /** Completed when the JVM's and the process's binders are bound (at once when there are none). */
    private final CompletableFuture<Void> jvmBound = new CompletableFuture<>();
    /** Guarded by {@link #binders}: binders bound after closing would never be stopped. */
    private boolean closed;

    private ChatHooksMetrics(boolean keepNothing) {
        if (keepNothing) {
            // Meters registered after a deny filter are no-ops: the code that counts runs, the counting does not.
            registry.config().meterFilter(MeterFilter.deny());
        }
        pipeline = new PipelineMetrics(registry);
    }

    private ChatHooksMetrics withNothingToBind() {
        jvmBound.complete(null);
        return this;
    }

    /**
     * A registry with the JVM's and the process's figures bound. They are bound on a thread of their own, since
     * binding them takes a tenth of a second or more of start-up; {@link #scrape()} waits for them.
     */
    public static ChatHooksMetrics create() {
        ChatHooksMetrics metrics = new ChatHooksMetrics(false);
        Thread binding = new Thread(metrics::bindJvm, "chat-hooks-metrics-binders");
        binding.setDaemon(true);
        binding.start();
        return metrics;
    }

    private void bindJvm() {
        try {
            synchronized (binders) {
                if (closed) {
                    return;
                }
                JvmGcMetrics gc = new JvmGcMetrics();
                binders.add(gc);
                for (MeterBinder binder : List.of(
                        new ClassLoaderMetrics(),
                        new JvmMemoryMetrics(),
                        gc,
                        new JvmThreadMetrics(),
                        new ProcessorMetrics(),
                        new UptimeMetrics(),
                        new FileDescriptorMetrics())) {
                    binder.bindTo(registry);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("The JVM's metrics could not be bound: {}", e.toString());
        } finally {
            jvmBound.complete(null);
        }
    }

    /** A registry with nothing bound, not even the JVM's figures: for a hook tested on its own. */
    public static ChatHooksMetrics bare() {
        return new ChatHooksMetrics(false).withNothingToBind();
    }

    /** A registry whose every meter is a no-op, so that the bench can measure what the metrics cost. */
    public static ChatHooksMetrics disabled() {
        return new ChatHooksMetrics(true).withNothingToBind();
    }

    /** The registry, for binders and meters of other parts. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format, version 0.0.4. */
    public String scrape() {
        try {
            jvmBound.get(10, TimeUnit.SECONDS); // bound in a fraction of a second after start-up
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Scraping before the JVM's metrics are bound: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return registry.scrape();
    }

    /** The topology's counters. */
    public PipelineMetrics pipeline() {
        return pipeline;
    }

    /** The call meters of {@code hook}, made on first use. */
    public HookCallMetrics hookCalls(String hook) {
        return hookCalls.computeIfAbsent(hook, name -> new HookCallMetrics(registry, name));
    }

    /** What {@code hook} counts and times of its own, with a {@code hook} label. */
    public HookMetrics hookMetrics(String hook) {
        return hookMetrics.computeIfAbsent(hook, name -> new HookOwnMetrics(registry, name));
    }

    /**
     * Publishes {@code chathooks_hook_lag_records{hook}}, read through {@code admin} when scraped.
     *
     * @param hook the hook
     * @param group its consumer group
     * @param owned the partitions of the invocations topic its consumer owns now
     * @param admin asks the cluster; the caller closes it, after this registry's last scrape
     */
    public void trackLag(String hook, String group, Supplier<Set<TopicPartition>> owned, Admin admin) {
        HookLag lag = new HookLag(admin, group, owned);
        Gauge.builder(MetricNames.HOOK_LAG, lag, HookLag::records)
                .description("Records of the invocations topic, on the partitions this instance owns, that the hook "
                        + "has not finished")
                .tag("hook", hook)
                .strongReference(true)
                .register(registry);
    }

    /**
     * Publishes {@code chathooks_unavailable_partitions}: partitions this instance needs that have no leader (NaN
     * while unknown).
     *
     * @param unavailable reads the count; called on every scrape, so it must not ask the cluster itself
     */
    public void trackUnavailablePartitions(DoubleSupplier unavailable) {
        Gauge.builder(MetricNames.UNAVAILABLE_PARTITIONS, unavailable, DoubleSupplier::getAsDouble)
                .description("Partitions of the topics this instance needs that have no leader (their broker is "
                        + "down and no other replica is in sync)")
                .strongReference(true)
                .register(registry);
    }

    /** Binds Kafka Streams' own metrics (the binder reads them while this registry is open). */
    public void bind(KafkaStreams streams) {
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
        binder.bindTo(registry);
        synchronized (binders) {
            binders.add(binder);
        }
    }

    /** Binds a Kafka producer's own metrics. */
    public void bind(Producer<?, ?> producer) {
        KafkaClientMetrics binder = new KafkaClientMetrics(producer);
        binder.bindTo(registry);
        synchronized (binders) {
            binders.add(binder);
        }
    }

    @Override
    public void close() {
        synchronized (binders) {
            closed = true;
            for (AutoCloseable binder : binders) {
                try {
                    binder.close();
                } catch (Exception e) {
                    LOG.debug("Could not close a metrics binder: {}", e.toString());
                }
            }
            binders.clear();
        }
    }
}

package dev.chathooks.processor.runtime;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.dispatch.HookArguments;
import dev.chathooks.processor.dispatch.HookGroups;
import dev.chathooks.processor.dispatch.InvocationResolver;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import dev.chathooks.processor.metrics.HookStatsMBeans;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.rewind.RewindableHook;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every hook the runtime runs, each a {@link LiveHook}, and what they share: the invocation log ({@code --output}),
 * the listener of finished calls, and the counters published over JMX.
 */
final class LiveHooks {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHooks.class);

    private final List<LiveHook> hooks = new ArrayList<>();
    private final HookStatsMBeans mbeans = new HookStatsMBeans();
    private final InvocationLogFile invocationLog;
    private final BiConsumer<LoadedHook, HookArguments> finished;

    /**
     * @param invocationLog the invocation log to append to, or null
     * @param listener told of every call a hook finished, or null
     * @throws IllegalStateException naming {@code --output} if the invocation log cannot be written
     */
    LiveHooks(Path invocationLog, BiConsumer<LoadedHook, HookArguments> listener) {
        if (invocationLog == null) {
            this.invocationLog = null;
        } else {
            try {
                this.invocationLog = new InvocationLogFile(invocationLog);
            } catch (IOException e) {
                throw new IllegalStateException("--output " + invocationLog + " cannot be written: " + e);
            }
        }
        BiConsumer<LoadedHook, HookArguments> log =
                this.invocationLog == null ? (hook, arguments) -> {} : this.invocationLog::finished;
        this.finished = listener == null ? log : log.andThen(listener);
    }

    /**
     * Wires each of {@code loaded} (see {@link LiveHook#create}) and publishes its counters (the metrics, and JMX);
     * nothing runs yet.
     *
     * @param lagAdmin reads the hooks' committed offsets and the topic's ends, for their lag
     */
    void wire(
            List<LoadedHook> loaded,
            ChatHooksConfig config,
            String bootstrapServers,
            InvocationResolver resolver,
            Producer<byte[], byte[]> producer,
            Duration closeTimeout,
            ChatHooksMetrics metrics,
            Admin lagAdmin) {
        for (LoadedHook hook : loaded) {
            LiveHook live = LiveHook.create(
                    hook,
                    config,
                    bootstrapServers,
                    resolver,
                    producer,
                    finished,
                    closeTimeout,
                    metrics.hookCalls(hook.name()));
            hooks.add(live);
            mbeans.register(config.applicationId(), live.name(), live.stats());
            metrics.trackLag(live.name(), HookGroups.of(config, live.name()), live.consumer()::assigned, lagAdmin);
        }
    }

    /** How a rewind reaches each hook, by name. */
    Map<String, RewindableHook> rewindable() {
        return byHook(LiveHook::rewindable);
    }

    /** Joins every hook's consumer group. */
    void start() {
        hooks.forEach(LiveHook::start);
    }

    /**
     * Stops every hook's consumer, in parallel: each waits for its own in-flight calls, bounded by its close timeout.
     * Returns when all are stopped, or after {@code limit}.
     */
    void stopConsuming(Duration limit) {
        List<Thread> closers = new ArrayList<>();
        for (LiveHook live : hooks) {
            Thread closer = new Thread(
                    () -> {
                        try {
                            live.stopConsuming();
                        } catch (RuntimeException e) {
                            LOG.warn("Could not close the consumer of hook '{}': {}", live.name(), e.toString());
                        }
                    },
                    "close-hook-consumer");
            closer.start();
            closers.add(closer);
        }
        for (Thread closer : closers) {
            try {
                closer.join(limit.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops every hook's dispatcher: see {@link LiveHook#stopDispatching()}. */
    void stopDispatching() {
        hooks.forEach(LiveHook::stopDispatching);
    }

    /** Stops the hooks' threads, closes the invocation log and withdraws the counters: the last step. */
    void release() {
        hooks.forEach(LiveHook::stopThreads);
        if (invocationLog != null) {
            try {
                invocationLog.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not close the invocation log: {}", e.toString());
            }
        }
        mbeans.close();
    }

    /** One figure of each hook, by hook name. */
    <T> Map<String, T> byHook(Function<LiveHook, T> figure) {
        Map<String, T> byName = new LinkedHashMap<>();
        hooks.forEach(live -> byName.put(live.name(), figure.apply(live)));
        return byName;
    }
}

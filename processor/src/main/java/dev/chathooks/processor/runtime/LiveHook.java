package dev.chathooks.processor.runtime;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetterWriter;
import dev.chathooks.processor.deadletter.ProducerDeadLetterStore;
import dev.chathooks.processor.dispatch.DispatchSettings;
import dev.chathooks.processor.dispatch.HookArguments;
import dev.chathooks.processor.dispatch.HookDispatcher;
import dev.chathooks.processor.dispatch.HookDispatchers;
import dev.chathooks.processor.dispatch.HookGroups;
import dev.chathooks.processor.dispatch.HookThreads;
import dev.chathooks.processor.dispatch.InvocationResolver;
import dev.chathooks.processor.dispatch.RetryWaits;
import dev.chathooks.processor.dispatch.consumer.ConsumerStats;
import dev.chathooks.processor.dispatch.consumer.KeyOrderedConsumer;
import dev.chathooks.processor.dispatch.consumer.RecordHandler;
import dev.chathooks.processor.kafka.ClientProperties;
import dev.chathooks.processor.metrics.HookCallMetrics;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.rewind.RewindableHook;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hook as the runtime runs it: its dispatcher, the threads its blocking calls run on (at most
 * {@code dispatch.max-in-flight}), its consumer group over the invocations topic, and their counters. Stopped in
 * three steps, which the runtime interleaves with the other parts' shutdown: {@link #stopConsuming},
 * {@link #stopDispatching}, {@link #stopThreads}.
 */
final class LiveHook {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHook.class);
    /** How often a hook's consumer commits what the hook finished. */
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(500);

    private final String name;
    private final HookThreads threads;
    private final HookDispatcher dispatcher;
    private final SupervisedConsumer consumer;

    private LiveHook(String name, HookThreads threads, HookDispatcher dispatcher, SupervisedConsumer consumer) {
        this.name = name;
        this.threads = threads;
        this.dispatcher = dispatcher;
        this.consumer = consumer;
    }

    /**
     * Wires {@code hook} with its settings ({@code dispatch.hook.<name>.*} over {@code dispatch.*}); nothing runs yet.
     *
     * @param finished told of every call the hook finished
     * @param closeTimeout how long in-flight calls get to finish when the hook's partitions go
     */
    static LiveHook create(
            LoadedHook hook,
            ChatHooksConfig config,
            String bootstrapServers,
            InvocationResolver resolver,
            Producer<byte[], byte[]> producer,
            BiConsumer<LoadedHook, HookArguments> finished,
            Duration closeTimeout,
            HookCallMetrics metrics) {
        DispatchSettings settings = DispatchSettings.forHook(config, hook.name());
        HookThreads threads = HookThreads.forHook(hook.name(), settings.maxInFlight());
        HookDispatcher dispatcher = null;
        try {
            dispatcher = HookDispatchers.wire(
                    hook,
                    settings,
                    threads,
                    RetryWaits.REAL,
                    resolver,
                    new ProducerDeadLetterStore(
                            new DeadLetterWriter(producer, config.topics().deadLetters()), hook.name()),
                    finished,
                    metrics);
            String group = HookGroups.of(config, hook.name());
            Map<String, Object> consumerProperties = new LinkedHashMap<>();
            ClientProperties.consumer(config, bootstrapServers, group, group)
                    .forEach((key, value) -> consumerProperties.put(key.toString(), value));
            HookDispatcher handler = dispatcher;
            SupervisedConsumer consumer = new SupervisedConsumer(
                    hook.name(),
                    () -> KeyOrderedConsumer.builder()
                            .properties(consumerProperties)
                            .topic(config.topics().invocations())
                            .handler(recordHandler(handler, threads))
                            .maxInFlight(settings.maxInFlight())
                            .commitInterval(COMMIT_INTERVAL)
                            .closeTimeout(closeTimeout)
                            .build());
            return new LiveHook(hook.name(), threads, dispatcher, consumer);
        } catch (RuntimeException | Error e) {
            if (dispatcher != null) {
                dispatcher.close();
            }
            threads.shutdownNow();
            throw e;
        }
    }

    /**
     * Hands the consumer's records to the dispatcher, holding the wakes of the hook's threads while one poll's
     * records are handed over: a hook whose calls are quick is woken once a poll, not once a call.
     */
    private static RecordHandler recordHandler(HookDispatcher dispatcher, HookThreads threads) {
        return new RecordHandler() {
            @Override
            public CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record) {
                return dispatcher.handle(record);
            }

            @Override
            public void pollStarted() {
                threads.holdWakes();
            }

            @Override
            public void pollHandedOver() {
                threads.releaseWakes();
            }
        };
    }

    String name() {
        return name;
    }

    /** The hook's consumer, supervised: its health and its assignment. */
    SupervisedConsumer consumer() {
        return consumer;
    }

    /** Joins the hook's consumer group: the hook gets calls from now on. */
    void start() {
        consumer.start();
        LOG.info("Hook '{}' consumes {} as group {}", name, consumer.topic(), consumer.groupId());
    }

    /** Stops the consumer: it lets in-flight calls finish (bounded) and commits what finished. */
    void stopConsuming() {
        consumer.close();
    }

    /** Stops dead-lettering: a call cut short by the shutdown is left to the next owner of its partition. */
    void stopDispatching() {
        dispatcher.close();
    }

    /** Stops the threads of the hook's blocking calls, interrupting those still running. */
    void stopThreads() {
        threads.shutdownNow();
    }

    /** How a rewind reaches this hook on this instance: its consumer, and its memory of finished event ids. */
    RewindableHook rewindable() {
        return new RewindableHook(consumer, dispatcher::forgetFinished);
    }

    /** The dispatcher's counters. */
    HookCallMetrics stats() {
        return dispatcher.stats();
    }

    /** Blocking attempts still running well past their timeout. */
    int overdueAttempts() {
        return dispatcher.runner().overdueAttempts();
    }

    /** How many times the consumer stopped on its own and a new one was started. */
    int consumerRestarts() {
        return consumer.restarts();
    }

    /** The consumer's counters and assignment. */
    ConsumerStats consumerStats() {
        return consumer.stats();
    }
}

package dev.chathooks.processor.runtime;

import dev.chathooks.processor.dispatch.consumer.ConsumerStats;
import dev.chathooks.processor.dispatch.consumer.KeyOrderedConsumer;
import dev.chathooks.processor.rewind.RepositionableConsumer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hook's consumer, started again when it stops on its own. A {@link KeyOrderedConsumer} stops for good when
 * consuming fails in a way Kafka's client does not recover from (a broker restart has been seen to cause one);
 * without a new one the hook would stay behind forever. The failed one has committed what it finished, so the new
 * one goes on from there: calls after the last commit are made again (at least once).
 */
final class SupervisedConsumer implements RepositionableConsumer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedConsumer.class);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration LAST_DELAY = Duration.ofSeconds(30);
    /** A consumer that ran this long before failing resets the delay: the failure was not a loop. */
    private static final Duration STABLE = Duration.ofMinutes(1);

    private static final ScheduledExecutorService RESTARTS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hook-consumer-restarts");
        thread.setDaemon(true);
        return thread;
    });

    private final String hook;
    private final Supplier<KeyOrderedConsumer> factory;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile KeyOrderedConsumer current;
    private volatile boolean closed;
    private Duration delay = FIRST_DELAY;

    /**
     * @param hook the hook's name, for logs
     * @param factory builds a new consumer, not started
     */
    public SupervisedConsumer(String hook, Supplier<KeyOrderedConsumer> factory) {
        this.hook = hook;
        this.factory = factory;
        this.current = factory.get();
    }

    /** Starts the first consumer. */
    public void start() {
        launch(current);
    }

    private synchronized void launch(KeyOrderedConsumer consumer) {
        if (closed) {
            return;
        }
        current = consumer;
        long startedAt = System.nanoTime();
        consumer.start();
        consumer.termination().whenComplete((ignored, failure) -> {
            if (failure != null) {
                restartLater(failure, Duration.ofNanos(System.nanoTime() - startedAt));
            }
        });
    }

    private synchronized void restartLater(Throwable failure, Duration lived) {
        if (closed) {
            return;
        }
        if (lived.compareTo(STABLE) > 0) {
            delay = FIRST_DELAY;
        }
        Duration wait = delay;
        delay = delay.multipliedBy(2).compareTo(LAST_DELAY) > 0 ? LAST_DELAY : delay.multipliedBy(2);
        LOG.error(
                "The consumer of hook '{}' stopped ({}); starting a new one in {} ms",
                hook,
                failure.toString(),
                wait.toMillis());
        RESTARTS.schedule(
                () -> {
                    try {
                        restarts.incrementAndGet();
                        launch(factory.get());
                    } catch (RuntimeException e) {
                        restartLater(e, Duration.ZERO);
                    }
                },
                wait.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The current consumer's counters and assignment. */
    public ConsumerStats stats() {
        return current.stats();
    }

    /** Whether the current consumer has joined its group (see {@link KeyOrderedConsumer#joined()}). */
    public boolean joined() {
        return current.joined();
    }

    /** Whether the current consumer's poll thread runs: false after it stopped, until a new one is started. */
    public boolean running() {
        return !current.terminated();
    }

    /** How many times a new consumer was started after one failed. */
    public int restarts() {
        return restarts.get();
    }

    public String topic() {
        return current.topic();
    }

    public String groupId() {
        return current.groupId();
    }

    /** The current consumer's partitions of the invocations topic. */
    public Set<TopicPartition> assigned() {
        return current.stats().assigned();
    }

    /** {@link KeyOrderedConsumer#reposition} on the current consumer. */
    public CompletionStage<Map<TopicPartition, Long>> reposition(Map<TopicPartition, Long> offsets) {
        KeyOrderedConsumer consumer = current;
        return consumer == null
                ? CompletableFuture.failedFuture(new IllegalStateException("no consumer"))
                : consumer.reposition(offsets);
    }

    /** Stops the current consumer (it commits what finished) and starts no other. */
    @Override
    public void close() {
        KeyOrderedConsumer consumer;
        synchronized (this) {
            closed = true;
            consumer = current;
        }
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("Could not close the consumer of hook '{}': {}", hook, e.toString());
        }
    }
}

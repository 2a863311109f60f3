package dev.chathooks.dispatch;

import dev.chathooks.deadletter.DeadLetterHeaders;
import dev.chathooks.deadletter.DeadLetters;
import dev.chathooks.deadletter.ReasonCode;
import dev.chathooks.deadletter.Rejection;
import dev.chathooks.invocation.Invocation;
import dev.chathooks.invocation.InvocationCodec;
import dev.chathooks.metrics.HookCallMetrics;
import dev.chathooks.plugins.LoadedHook;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one hook's records of the invocations topic: decodes the invocation, skips what is not for this hook,
 * resolves the arguments, calls the hook through its {@link HookCallRunner}, and, when the call failed for good,
 * writes the invocation to the dead-letter topic (reason {@code hook-failed}, the hook, the attempts and the last
 * error) before the record counts as finished.
 *
 * <p>Nothing is lost: the stage {@link #handle} returns completes only when the hook succeeded, the record was
 * skipped, or its dead letter is stored. It never completes exceptionally, because the consumer commits past a
 * failed record: an error of the dispatch itself (a record that cannot be decoded, participants that cannot be
 * resolved) is dead-lettered too, and a dead letter that cannot be stored is tried again, with backoff, until it
 * is stored or the dispatcher is {@link #close closed}; then the record stays unfinished and is handled again by
 * the next owner of its partition.
 */
public final class HookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HookDispatcher.class);
    private static final Duration FIRST_STORE_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_STORE_RETRY = Duration.ofSeconds(10);

    private final LoadedHook hook;
    private final InvocationResolver resolver;
    private final HookCallRunner runner;
    private final DedupWindow dedup;
    private final Producer<byte[], byte[]> deadLetterProducer;
    private final String deadLetterTopic;
    private final BiConsumer<LoadedHook, HookArguments> onFinished;
    private final HookCallMetrics metrics;
    private volatile boolean closed;

    /**
     * @param hook the hook
     * @param resolver resolves invocations against the users table
     * @param runner calls the hook with its retry policy and timeout
     * @param dedup the hook's de-duplication window
     * @param deadLetterProducer writes dead letters (shared, thread-safe)
     * @param deadLetterTopic the dead-letter topic
     * @param onFinished told of every call that succeeded (the invocation log); what it throws is logged
     */
    public HookDispatcher(LoadedHook hook, InvocationResolver resolver, HookCallRunner runner, DedupWindow dedup,
                          Producer<byte[], byte[]> deadLetterProducer, String deadLetterTopic,
                          BiConsumer<LoadedHook, HookArguments> onFinished) {
        this(hook, resolver, runner, dedup, deadLetterProducer, deadLetterTopic, onFinished,
                HookCallMetrics.unpublished(hook.name()));
    }

    /**
     * As above, counting the hook's calls in {@code metrics}, which the process publishes.
     *
     * @param metrics the hook's call meters
     */
    public HookDispatcher(LoadedHook hook, InvocationResolver resolver, HookCallRunner runner, DedupWindow dedup,
                          Producer<byte[], byte[]> deadLetterProducer, String deadLetterTopic,
                          BiConsumer<LoadedHook, HookArguments> onFinished, HookCallMetrics metrics) {
        this.metrics = metrics;
        this.hook = hook;
        this.resolver = resolver;
        this.runner = runner;
        this.dedup = dedup;
        this.deadLetterProducer = deadLetterProducer;
        this.deadLetterTopic = deadLetterTopic;
        this.onFinished = onFinished;
    }

    /** The hook's call meters, whose totals the CLI's status lines and tests read. */
    public HookCallMetrics stats() {
        return metrics;
    }

    /** The hook. */
    public LoadedHook hook() {
        return hook;
    }

    /** The hook's call runner (its timeouts and the threads they could not free). */
    public HookCallRunner runner() {
        return runner;
    }

    /**
     * Forgets which event ids the hook finished, so that a deliberate re-run (a rewind) is not skipped by the
     * de-duplication window.
     */
    public void forgetFinished() {
        dedup.clear();
    }

    /**
     * Handles one record of the invocations topic. The stage completes when the record is finished with: the call
     * succeeded, was skipped, or its dead letter is stored. It never completes exceptionally; after
     * {@link #close()} a record that could not be finished never completes, so that it is not committed.
     */
    public CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record) {
        CompletionStage<Void> handled;
        try {
            handled = dispatch(record);
        } catch (RuntimeException | LinkageError e) {
            handled = CompletableFuture.failedFuture(e);
        }
        return handled.exceptionallyCompose(error -> {
            Throwable cause = HookCallRunner.unwrap(error);
            LOG.error("Hook '{}' could not be called for {}-{}@{}: {}", hook.name(), record.topic(),
                    record.partition(), record.offset(), cause.toString(), cause);
            metrics.deadLetteredUncalled(null);
            return deadLetter(record, new Rejection(ReasonCode.HOOK_FAILED, hook.name()
                    + " not called: the call could not be prepared: " + cause), null);
        });
    }

    private CompletionStage<Void> dispatch(ConsumerRecord<byte[], byte[]> record) {
        String target = DeadLetters.get(record.headers(), DeadLetterHeaders.TARGET_HOOK);
        if (target != null && !target.equals(hook.name())) {
            metrics.notForThisHook();
            return CompletableFuture.completedFuture(null);
        }
        Invocation invocation;
        try {
            invocation = InvocationCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            metrics.deadLetteredUncalled(null);
            return deadLetter(record, new Rejection(ReasonCode.MALFORMED_JSON, "not an invocation: " + e.getMessage()),
                    null);
        }
        if (!hook.kinds().contains(invocation.kind())) {
            metrics.notForThisHook();
            return CompletableFuture.completedFuture(null);
        }
        if (dedup.seen(invocation.eventId())) {
            metrics.skippedDuplicate(invocation.kind());
            return CompletableFuture.completedFuture(null);
        }
        HookArguments arguments = resolver.resolve(invocation);
        long started = metrics.started();
        return runner.call(arguments).thenCompose(outcome -> {
            boolean leftUnfinished = !outcome.succeeded() && closed; // read once: the count and the act agree
            if (leftUnfinished) {
                metrics.abandoned(invocation.kind(), outcome.attempts());
            } else {
                metrics.finished(invocation.kind(), started, invocation.time(), outcome.attempts(),
                        outcome.succeeded());
            }
            if (outcome.succeeded()) {
                dedup.finished(invocation.eventId());
                tellFinished(arguments);
                return CompletableFuture.completedFuture(null);
            }
            if (leftUnfinished) {
                // The failure may be the shutdown's own doing (an interrupted call, a retry refused): leave the
                // record unfinished, for the next owner of its partition, rather than dead-letter it.
                return new CompletableFuture<>();
            }
            LOG.warn("Hook '{}' failed on event {} ({}, conversation {}) after {} attempts: {}", hook.name(),
                    invocation.eventId(), invocation.kind().seedName(), invocation.conversationId(),
                    outcome.attempts(), outcome.describeError());
            return deadLetter(record, new Rejection(ReasonCode.HOOK_FAILED,
                    outcome.deadLetterReason(hook.name()).substring("hook-failed: ".length())), outcome);
        });
    }

    private void tellFinished(HookArguments arguments) {
        try {
            onFinished.accept(hook, arguments);
        } catch (RuntimeException e) {
            // The call was made; a listener's fault must not turn it into a failure or a re-run.
            LOG.warn("The listener of hook '{}' failed after event {}: {}", hook.name(),
                    arguments.invocation().eventId(), e.toString());
        }
    }

    private CompletionStage<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, Rejection rejection,
                                             CallOutcome outcome) {
        Headers headers = DeadLetters.headers(record.headers(), rejection, record.topic(), record.partition(),
                record.offset());
        DeadLetters.set(headers, DeadLetterHeaders.HOOK, hook.name());
        DeadLetters.set(headers, DeadLetterHeaders.ATTEMPTS,
                Integer.toString(outcome == null ? 0 : outcome.attempts()));
        if (outcome != null) {
            DeadLetters.set(headers, DeadLetterHeaders.ERROR, outcome.describeError());
        }
        headers.remove(DeadLetterHeaders.TARGET_HOOK);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        Long timestamp = record.timestamp() < 0 ? null : record.timestamp(); // none only in ancient record formats
        store(new ProducerRecord<>(deadLetterTopic, null, timestamp, record.key(), record.value(), headers),
                record, stored, FIRST_STORE_RETRY);
        return stored;
    }

    /** Sends the dead letter; on failure sends it again after {@code delay}, doubled each time up to a limit. */
    private void store(ProducerRecord<byte[], byte[]> letter, ConsumerRecord<byte[], byte[]> record,
                       CompletableFuture<Void> stored, Duration delay) {
        if (closed) {
            return; // left unfinished: not committed, handled again by the next owner
        }
        try {
            deadLetterProducer.send(letter, (metadata, error) -> {
                if (error == null) {
                    stored.complete(null);
                } else {
                    retryStore(letter, record, stored, delay, error);
                }
            });
        } catch (RuntimeException e) {
            retryStore(letter, record, stored, delay, e);
        }
    }

    private void retryStore(ProducerRecord<byte[], byte[]> letter, ConsumerRecord<byte[], byte[]> record,
                            CompletableFuture<Void> stored, Duration delay, Exception error) {
        LOG.error("Could not store the dead letter of {}-{}@{} for hook '{}' ({}); trying again in {} ms, and the "
                + "conversation waits until it is stored", record.topic(), record.partition(), record.offset(),
                hook.name(), error.toString(), delay.toMillis());
        Duration doubled = delay.multipliedBy(2);
        Duration next = doubled.compareTo(LAST_STORE_RETRY) > 0 ? LAST_STORE_RETRY : doubled;
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> store(letter, record, stored, next));
    }

    /**
     * Stops dead-lettering: a call that fails from now on (as calls do when the hook's threads are stopped) leaves
     * its record unfinished, and a dead letter not stored yet is not tried again. Call it after the consumer that
     * feeds this dispatcher has stopped and committed, before the hook and its threads are stopped.
     */
    @Override
    public void close() {
        closed = true;
    }
}

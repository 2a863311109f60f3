package dev.chathooks.dispatch;

import dev.chathooks.deadletter.DeadLetterHeaders;
import dev.chathooks.deadletter.DeadLetters;
import dev.chathooks.deadletter.ReasonCode;
import dev.chathooks.deadletter.Rejection;
import dev.chathooks.invocation.Invocation;
import dev.chathooks.invocation.InvocationCodec;
import dev.chathooks.plugins.LoadedHook;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * error) before the record counts as finished. So an offset is committed only after the hook succeeded or its
 * dead letter is stored: nothing is lost.
 */
public final class HookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(HookDispatcher.class);

    private final LoadedHook hook;
    private final InvocationResolver resolver;
    private final HookCallRunner runner;
    private final DedupWindow dedup;
    private final Producer<byte[], byte[]> deadLetterProducer;
    private final String deadLetterTopic;
    private final BiConsumer<LoadedHook, HookArguments> onFinished;
    private final HookStats stats = new HookStats();

    /**
     * @param hook the hook
     * @param resolver resolves invocations against the users table
     * @param runner calls the hook with its retry policy and timeout
     * @param dedup the hook's de-duplication window
     * @param deadLetterProducer writes dead letters (shared, thread-safe)
     * @param deadLetterTopic the dead-letter topic
     * @param onFinished told of every call that succeeded (the invocation log)
     */
    public HookDispatcher(LoadedHook hook, InvocationResolver resolver, HookCallRunner runner, DedupWindow dedup,
                          Producer<byte[], byte[]> deadLetterProducer, String deadLetterTopic,
                          BiConsumer<LoadedHook, HookArguments> onFinished) {
        this.hook = hook;
        this.resolver = resolver;
        this.runner = runner;
        this.dedup = dedup;
        this.deadLetterProducer = deadLetterProducer;
        this.deadLetterTopic = deadLetterTopic;
        this.onFinished = onFinished;
    }

    /** The hook's counters. */
    public HookStats stats() {
        return stats;
    }

    /** The hook. */
    public LoadedHook hook() {
        return hook;
    }

    /**
     * Handles one record of the invocations topic. The stage completes when the record is finished with: the call
     * succeeded, was skipped, or its dead letter is stored. It fails only if the dead letter cannot be stored, so
     * that the record is not committed.
     */
    public CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record) {
        String target = DeadLetters.get(record.headers(), DeadLetterHeaders.TARGET_HOOK);
        if (target != null && !target.equals(hook.name())) {
            stats.skippedKind.increment();
            return CompletableFuture.completedFuture(null);
        }
        Invocation invocation;
        try {
            invocation = InvocationCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            return deadLetter(record, new Rejection(ReasonCode.MALFORMED_JSON, "not an invocation: " + e.getMessage()),
                    null, null);
        }
        if (!hook.kinds().contains(invocation.kind())) {
            stats.skippedKind.increment();
            return CompletableFuture.completedFuture(null);
        }
        if (dedup.seen(invocation.eventId())) {
            stats.skippedDuplicate.increment();
            return CompletableFuture.completedFuture(null);
        }
        HookArguments arguments = resolver.resolve(invocation);
        stats.calls.increment();
        return runner.call(arguments).thenCompose(outcome -> {
            stats.retries.add(outcome.attempts() - 1L);
            if (outcome.succeeded()) {
                stats.succeeded.increment();
                dedup.finished(invocation.eventId());
                onFinished.accept(hook, arguments);
                return CompletableFuture.completedFuture(null);
            }
            stats.deadLettered.increment();
            LOG.warn("Hook '{}' failed on event {} ({}, conversation {}) after {} attempts: {}", hook.name(),
                    invocation.eventId(), invocation.kind().seedName(), invocation.conversationId(),
                    outcome.attempts(), outcome.describeError());
            return deadLetter(record, new Rejection(ReasonCode.HOOK_FAILED,
                    outcome.deadLetterReason(hook.name()).substring("hook-failed: ".length())), outcome, invocation);
        });
    }

    private CompletionStage<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, Rejection rejection,
                                             CallOutcome outcome, Invocation invocation) {
        Headers headers = DeadLetters.headers(record.headers(), rejection, record.topic(), record.partition(),
                record.offset());
        DeadLetters.set(headers, DeadLetterHeaders.HOOK, hook.name());
        if (outcome != null) {
            DeadLetters.set(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(outcome.attempts()));
            DeadLetters.set(headers, DeadLetterHeaders.ERROR, outcome.describeError());
        }
        headers.remove(DeadLetterHeaders.TARGET_HOOK);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        deadLetterProducer.send(new ProducerRecord<>(deadLetterTopic, null, record.timestamp(), record.key(),
                record.value(), headers), (metadata, error) -> {
                    if (error == null) {
                        stored.complete(null);
                    } else {
                        LOG.error("Could not store the dead letter of {}-{}@{} for hook '{}': {}", record.topic(),
                                record.partition(), record.offset(), hook.name(), error.toString());
                        stored.completeExceptionally(error);
                    }
                });
        return stored;
    }
}

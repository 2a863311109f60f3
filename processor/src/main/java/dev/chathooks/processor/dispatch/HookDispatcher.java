package dev.chathooks.processor.dispatch;

import dev.chathooks.api.HookKind;
import dev.chathooks.processor.deadletter.DeadLetter;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.deadletter.DeadLetterStore;
import dev.chathooks.processor.deadletter.ReasonCode;
import dev.chathooks.processor.deadletter.Rejection;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.invocation.InvocationCodec;
import dev.chathooks.processor.metrics.HookCallMetrics;
import dev.chathooks.processor.plugins.LoadedHook;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one hook's records of the invocations topic: decodes the invocation, skips what is not for this hook,
 * resolves the arguments, calls the hook through its {@link HookCallRunner}, and, when the call failed for good,
 * has the invocation stored as a dead letter (reason {@code hook-failed}, the hook, the attempts and the last
 * error) before the record counts as finished.
 *
 * <p>It is the one dispatch path of both a live run and a replay: what differs is who feeds it records (a
 * {@code KeyOrderedConsumer} that commits offsets, or a replay in order, in process) and where the dead letters
 * are stored ({@link DeadLetterStore}). De-duplication, routing of re-runs and every dead-letter reason are the
 * same in both.
 *
 * <p>Nothing is lost: the stage {@link #handle} returns completes only when the hook succeeded, the record was
 * skipped, or its dead letter is stored. It never completes exceptionally, because the consumer commits past a
 * failed record: an error of the dispatch itself (a record that cannot be decoded, participants that cannot be
 * resolved) is dead-lettered too, and a dead letter that cannot be stored is tried again until it is stored or
 * the dispatcher is {@link #close closed}; then the record stays unfinished and is handled again by the next owner
 * of its partition.
 */
public final class HookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HookDispatcher.class);

    private final LoadedHook hook;
    private final InvocationResolver resolver;
    private final HookCallRunner runner;
    private final DedupWindow dedup;
    private final DeadLetterStore deadLetters;
    private final BiConsumer<LoadedHook, HookArguments> onFinished;
    private final HookCallMetrics metrics;
    private volatile boolean closed;

    /**
     * Prefer {@link HookDispatchers#wire}, which makes the runner and the de-duplication window as a run does.
     *
     * @param hook the hook
     * @param resolver resolves invocations against the users table
     * @param runner calls the hook with its retry policy and timeout
     * @param dedup the hook's de-duplication window
     * @param deadLetters where dead letters are stored
     * @param onFinished told of every call that succeeded (the invocation log); what it throws is logged
     * @param metrics the hook's call meters, which the process may publish
     */
    public HookDispatcher(
            LoadedHook hook,
            InvocationResolver resolver,
            HookCallRunner runner,
            DedupWindow dedup,
            DeadLetterStore deadLetters,
            BiConsumer<LoadedHook, HookArguments> onFinished,
            HookCallMetrics metrics) {
        this.metrics = metrics;
        this.hook = hook;
        this.resolver = resolver;
        this.runner = runner;
        this.dedup = dedup;
        this.deadLetters = deadLetters;
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
        return dispatch(record).thenApply(disposition -> null);
    }

    /** As {@link #handle}, and says what was done with the record. */
    public CompletionStage<Disposition> dispatch(ConsumerRecord<byte[], byte[]> record) {
        CompletionStage<Disposition> handled;
        try {
            handled = call(record);
        } catch (RuntimeException | LinkageError e) {
            handled = CompletableFuture.failedFuture(e);
        }
        return handled.exceptionallyCompose(error -> {
            Throwable cause = HookCallRunner.unwrap(error);
            LOG.error(
                    "Hook '{}' could not be called for {}: {}", hook.name(), position(record), cause.toString(), cause);
            metrics.deadLetteredUncalled(null);
            return deadLetter(
                    record,
                    new Rejection(
                            ReasonCode.HOOK_FAILED,
                            hook.name() + " not called: the call could not be prepared: " + cause),
                    null,
                    Disposition.NOT_CALLED);
        });
    }

    private CompletionStage<Disposition> call(ConsumerRecord<byte[], byte[]> record) {
        String target = DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.TARGET_HOOK);
        if (target != null && !target.equals(hook.name())) {
            metrics.notForThisHook();
            return CompletableFuture.completedFuture(Disposition.SKIPPED);
        }
        Invocation invocation;
        try {
            // Only the kind and event id are read of an invocation this hook skips.
            invocation = InvocationCodec.decode(record.value(), this::wanted);
        } catch (IllegalArgumentException e) {
            metrics.deadLetteredUncalled(null);
            return deadLetter(
                    record,
                    new Rejection(ReasonCode.MALFORMED_JSON, "not an invocation: " + e.getMessage()),
                    null,
                    Disposition.NOT_CALLED);
        }
        if (invocation == null) {
            return CompletableFuture.completedFuture(Disposition.SKIPPED);
        }
        HookArguments arguments = resolver.resolve(invocation);
        long started = metrics.started();
        return runner.call(arguments).thenCompose(outcome -> {
            boolean leftUnfinished = !outcome.succeeded() && closed; // read once: the count and the act agree
            if (leftUnfinished) {
                metrics.abandoned(invocation.kind(), outcome.attempts());
            } else {
                metrics.finished(
                        invocation.kind(), started, invocation.time(), outcome.attempts(), outcome.succeeded());
            }
            if (outcome.succeeded()) {
                dedup.finished(invocation.eventId());
                tellFinished(arguments);
                return CompletableFuture.completedFuture(Disposition.SUCCEEDED);
            }
            if (leftUnfinished) {
                // The failure may be the shutdown's own doing (an interrupted call, a retry refused): leave the
                // record unfinished, for the next owner of its partition, rather than dead-letter it.
                return new CompletableFuture<>();
            }
            // The conversation id stays out of a WARN line (ids only at DEBUG); the dead letter keeps it.
            LOG.warn(
                    "Hook '{}' failed on event {} ({}) after {} attempts: {}",
                    hook.name(),
                    invocation.eventId(),
                    invocation.kind().seedName(),
                    outcome.attempts(),
                    outcome.describeError());
            return deadLetter(
                    record,
                    new Rejection(
                            ReasonCode.HOOK_FAILED,
                            outcome.deadLetterReason(hook.name()).substring("hook-failed: ".length())),
                    outcome,
                    Disposition.HOOK_FAILED);
        });
    }

    /** Whether the hook takes an invocation of this kind and has not finished its event already; counts a skip. */
    private boolean wanted(HookKind kind, String eventId) {
        if (!hook.kinds().contains(kind)) {
            metrics.notForThisHook();
            return false;
        }
        if (dedup.seen(eventId)) {
            metrics.skippedDuplicate(kind);
            return false;
        }
        return true;
    }

    private void tellFinished(HookArguments arguments) {
        try {
            onFinished.accept(hook, arguments);
        } catch (RuntimeException e) {
            // The call was made; a listener's fault must not turn it into a failure or a re-run.
            LOG.warn(
                    "The listener of hook '{}' failed after event {}: {}",
                    hook.name(),
                    arguments.invocation().eventId(),
                    e.toString());
        }
    }

    private CompletionStage<Disposition> deadLetter(
            ConsumerRecord<byte[], byte[]> record, Rejection rejection, CallOutcome outcome, Disposition disposition) {
        Headers headers =
                DeadLetterHeaders.of(record.headers(), rejection, record.topic(), record.partition(), record.offset());
        DeadLetterHeaders.addHookFailure(
                headers,
                hook.name(),
                outcome == null ? 0 : outcome.attempts(),
                outcome == null ? null : outcome.describeError());
        if (closed) {
            return new CompletableFuture<>(); // left unfinished: not committed, handled again by the next owner
        }
        return deadLetters
                .store(new DeadLetter(record.key(), record.value(), record.timestamp(), headers), position(record))
                .thenApply(stored -> disposition);
    }

    private static String position(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /**
     * Stops dead-lettering: a call that fails from now on (as calls do when the hook's threads are stopped) leaves
     * its record unfinished, and a dead letter not stored yet is not tried again. Call it after the consumer that
     * feeds this dispatcher has stopped and committed, before the hook and its threads are stopped.
     */
    @Override
    public void close() {
        closed = true;
        deadLetters.close();
    }
}

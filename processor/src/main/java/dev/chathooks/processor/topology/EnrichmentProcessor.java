package dev.chathooks.processor.topology;

import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.deadletter.ReasonCode;
import dev.chathooks.processor.deadletter.RejectedRecordException;
import dev.chathooks.processor.deadletter.Rejection;
import dev.chathooks.processor.event.ChatEvent;
import dev.chathooks.processor.event.EventParser;
import dev.chathooks.processor.event.EventType;
import dev.chathooks.processor.invocation.Invocation;
import dev.chathooks.processor.invocation.InvocationCodec;
import dev.chathooks.processor.metrics.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every record of the conversation-keyed topics, keeps each conversation's state, and writes one invocation
 * per hook call the event contract asks for, or a dead letter with the reason. Nothing here throws for bad input.
 *
 * <p>State changes are stored at the event's timestamp in a versioned store, so a message or typing event is joined
 * with the state as of its own timestamp, even when it is processed after later state changes. With a join grace
 * ({@code join.grace}), message and typing events wait in a {@link JoinBuffer} first, so that state changes stamped
 * before them but read after them (from the conversations topic) count too. With a wait for unknown conversations
 * ({@code join.unknown-conversation.wait}), a message or typing event of a conversation with no state at all waits
 * in an {@link UnknownConversationWait} until its creation or snapshot is applied, or the wait is over.
 */
final class EnrichmentProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(EnrichmentProcessor.class);
    /** Conversations whose latest state is kept parsed, per task: a few megabytes. */
    private static final int LATEST_STATES = 10_000;

    private final EventParser parser;
    private final Duration typingWindow;
    private final Duration joinGrace;
    private final long historyRetentionMs;
    private final PipelineMetrics metrics;
    private ProcessorContext<byte[], byte[]> context;
    private VersionedKeyValueStore<String, byte[]> states;
    private TypingBatches typingBatches;
    private JoinBuffer joinBuffer;
    private final Duration unknownConversationWait;
    private UnknownConversationWait waiting;
    private final LatestStates latestStates = new LatestStates(LATEST_STATES);
    /** The highest timestamp this processor stored a version at: the store's own stream time is at most this. */
    private long highestStored = Long.MIN_VALUE;

    EnrichmentProcessor(
            EventParser parser,
            Duration typingWindow,
            Duration joinGrace,
            Duration unknownConversationWait,
            Duration historyRetention,
            PipelineMetrics metrics) {
        this.metrics = metrics;
        this.parser = parser;
        this.typingWindow = typingWindow;
        this.joinGrace = joinGrace;
        this.unknownConversationWait = unknownConversationWait;
        this.historyRetentionMs = historyRetention.toMillis();
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(TopologyNames.CONVERSATION_STORE);
        latestStates.clear(); // the store may have been restored or changed hands since the last init
        highestStored = Long.MIN_VALUE;
        if (!typingWindow.isZero()) {
            typingBatches = new TypingBatches(
                    context, context.getStateStore(TopologyNames.TYPING_STORE), typingWindow, this::emit);
        }
        if (!joinGrace.isZero()) {
            joinBuffer = new JoinBuffer(
                    context, context.getStateStore(TopologyNames.JOIN_BUFFER_STORE), joinGrace, this::join);
        }
        if (!unknownConversationWait.isZero()) {
            waiting = new UnknownConversationWait(
                    context,
                    context.getStateStore(TopologyNames.UNKNOWN_CONVERSATION_STORE),
                    unknownConversationWait,
                    this::joinWaited,
                    this::giveUp,
                    metrics);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Invocation.Source source = source();
        try {
            ChatEvent event = parser.parse(record.key(), record.value(), record.timestamp());
            metrics.eventRead(source.topic(), event.type());
            if (event.type().changesState()) {
                changeState(event, source);
            } else if (joinBuffer != null) {
                joinBuffer.hold(record, source);
            } else {
                join(record, event, source, true);
            }
        } catch (RejectedRecordException e) {
            deadLetter(record, e.rejection(), source);
        }
    }

    /** A message or typing event whose join grace is over. */
    private void join(Record<byte[], byte[]> record, Invocation.Source source) {
        try {
            join(record, parser.parse(record.key(), record.value(), record.timestamp()), source, true);
        } catch (RejectedRecordException e) {
            deadLetter(record, e.rejection(), source);
        }
    }

    /**
     * A message or typing event that waited for its conversation, which now has state: joined as of its time, after
     * its join grace (again) if there is one, so that the conversation events stamped before it that follow the
     * creation on its topic count too.
     */
    private void joinWaited(Record<byte[], byte[]> record, Invocation.Source source) {
        if (joinBuffer != null) {
            joinBuffer.hold(record, source);
            return;
        }
        try {
            join(record, parser.parse(record.key(), record.value(), record.timestamp()), source, false);
        } catch (RejectedRecordException e) {
            deadLetter(record, e.rejection(), source);
        }
    }

    /** A message or typing event whose conversation got no state in the wait: joined as is, which rejects it. */
    private void giveUp(Record<byte[], byte[]> record, Invocation.Source source) {
        try {
            join(record, parser.parse(record.key(), record.value(), record.timestamp()), source, false);
        } catch (RejectedRecordException e) {
            Rejection rejection = e.rejection();
            if (rejection.code() == ReasonCode.UNKNOWN_CONVERSATION) {
                rejection = new Rejection(
                        rejection.code(),
                        rejection.detail() + "; no creation or snapshot of it "
                                + "was read in the " + waiting.waitTime().toMillis() + " ms the event waited "
                                + "(join.unknown-conversation.wait)");
            }
            deadLetter(record, rejection, source);
        }
    }

    private void changeState(ChatEvent event, Invocation.Source source) throws RejectedRecordException {
        String conversationId = event.conversationId();
        LatestStates.Latest latest = latest(conversationId);
        ConversationState current = latest == null ? null : latest.state();
        ConversationLogic.Outcome outcome = ConversationLogic.apply(current, event, source);
        if (outcome.stateChanged()) {
            // Keep versions in processing order: an event stamped before the latest version is stored at
            // the latest version's time, not slipped in under it.
            long at = latest == null ? event.timestamp() : Math.max(event.timestamp(), latest.timestamp());
            // The store drops (with a WARN) a version older than its history: nothing newer is stored for this
            // conversation (versions go in processing order), so the change is applied at the oldest time the
            // store still takes, and keeps its own time for the joins (see stateAsOf).
            if (at < oldestAnswered()) {
                at = oldestAnswered();
                LOG.debug(
                        "State change {} of conversation {} is stamped before the state history "
                                + "(state.history-retention); stored at {} instead",
                        event.id(),
                        conversationId,
                        at);
            }
            ConversationState next =
                    outcome.state() == null ? null : outcome.state().changedBy(event.timestamp(), current);
            long validTo = states.put(conversationId, next == null ? null : next.toBytes(), at);
            if (validTo == VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT) {
                throw new RejectedRecordException(
                        ReasonCode.EXPIRED_STATE,
                        "the change of conversation "
                                + conversationId + " by event " + event.id() + " ("
                                + Instant.ofEpochMilli(event.timestamp())
                                + ") could not be stored: it is older than state.history-retention ("
                                + Duration.ofMillis(historyRetentionMs) + ") before the stream time allows");
            }
            highestStored = Math.max(highestStored, at);
            // Kept only when the store says the version just put is the latest: always so after a kept latest
            // (`at` is not before it), and so for most creations. Not so when the store holds a deletion later than
            // `at` that its read did not tell of: what is latest then is for the store to say, when next asked.
            if (validTo == VersionedKeyValueStore.PUT_RETURN_CODE_VALID_TO_UNDEFINED) {
                latestStates.put(conversationId, new LatestStates.Latest(at, next));
            } else {
                latestStates.remove(conversationId);
            }
        }
        emit(outcome.invocation());
        // Only a creation or a snapshot gives state to a conversation that had none, which is all that events wait for.
        if (waiting != null
                && (event.type() == EventType.CONVERSATION_CREATED
                        || event.type() == EventType.CONVERSATION_SNAPSHOT)) {
            waiting.release(conversationId); // before any later event of the conversation: they come in order
        }
    }

    /** The conversation's latest version in the store, or null when the store has no live version of it. */
    private LatestStates.Latest latest(String conversationId) {
        LatestStates.Latest kept = latestStates.get(conversationId);
        if (kept != null) {
            return kept;
        }
        VersionedRecord<byte[]> stored = states.get(conversationId);
        if (stored == null) {
            return null; // none, or deleted at a time not known here: not kept
        }
        LatestStates.Latest read =
                new LatestStates.Latest(stored.timestamp(), ConversationState.fromBytes(stored.value()));
        latestStates.put(conversationId, read);
        return read;
    }

    /**
     * The conversation's state as of {@code timestamp}, as the versioned store gives it: the latest version when
     * the event is stamped at or after it (and within the history the store answers for), else the store's
     * answer for that time.
     */
    private ConversationState stateAsOf(String conversationId, long timestamp) {
        LatestStates.Latest latest = latest(conversationId);
        if (latest != null && timestamp >= latest.timestamp() && timestamp >= oldestAnswered()) {
            return latest.state();
        }
        VersionedRecord<byte[]> asOf = states.get(conversationId, timestamp);
        if (asOf != null) {
            return ConversationState.fromBytes(asOf.value());
        }
        // No version the store answers for: the latest may still be the state as of then, stored later than the
        // change that made it (an expired change, or one read out of order).
        if (latest != null && latest.state() != null && latest.state().changedAt() <= timestamp) {
            return latest.state();
        }
        return null;
    }

    /**
     * The oldest time the store answers for and takes versions at: its stream time minus the history retention.
     * Its stream time is the highest timestamp stored, which is at most the task's stream time or what this
     * processor stored.
     */
    private long oldestAnswered() {
        return Math.max(context.currentStreamTimeMs(), highestStored) - historyRetentionMs;
    }

    /**
     * Rejects an event with no state as of its time when the conversation has state, but its history back then
     * has expired: the usual reason would say it was never created.
     */
    private void requireUnexpiredHistory(ChatEvent event) throws RejectedRecordException {
        LatestStates.Latest latest = latest(event.conversationId());
        if (event.timestamp() < oldestAnswered()
                && latest != null
                && latest.state() != null
                && latest.state().since() <= event.timestamp()) {
            throw new RejectedRecordException(
                    ReasonCode.UNKNOWN_CONVERSATION,
                    "conversation "
                            + event.conversationId() + " existed at the time of event " + event.id() + " ("
                            + Instant.ofEpochMilli(event.timestamp())
                            + "), but its state as of then has expired: the state "
                            + "history reaches back state.history-retention (" + Duration.ofMillis(historyRetentionMs)
                            + ") before the stream time (" + Instant.ofEpochMilli(oldestAnswered() + historyRetentionMs)
                            + "), and its current state comes from a later change. Raise state.history-retention to join "
                            + "events this old.");
        }
    }

    private void join(Record<byte[], byte[]> record, ChatEvent event, Invocation.Source source, boolean mayWait)
            throws RejectedRecordException {
        ConversationState current = stateAsOf(event.conversationId(), event.timestamp());
        if (current == null) {
            if (mayWait && waiting != null && latest(event.conversationId()) == null) {
                // No state at all, and not one this task saw deleted: its creation may still be on its way.
                waiting.hold(event.conversationId(), record, source);
                return;
            }
            requireUnexpiredHistory(event);
        }
        if (typingBatches != null && event.type() == EventType.TYPING) {
            if (current == null) {
                ConversationLogic.apply(null, event, source); // throws unknown-conversation
            }
            typingBatches.add(event, current, source);
            return;
        }
        emit(ConversationLogic.apply(current, event, source).invocation());
    }

    private void emit(Invocation invocation) {
        if (invocation == null) {
            return;
        }
        metrics.invocationWritten(invocation.kind());
        byte[] key = invocation.conversationId().getBytes(StandardCharsets.UTF_8);
        context.forward(
                new Record<>(key, InvocationCodec.encode(invocation), invocation.time()),
                TopologyNames.INVOCATIONS_SINK);
    }

    private void deadLetter(Record<byte[], byte[]> record, Rejection rejection, Invocation.Source source) {
        LOG.debug(
                "Dead letter from {}-{}@{}: {}",
                source.topic(),
                source.partition(),
                source.offset(),
                rejection.reason());
        metrics.rejected(rejection.code());
        Record<byte[], byte[]> deadLetter = record.withHeaders(
                DeadLetterHeaders.of(record.headers(), rejection, source.topic(), source.partition(), source.offset()));
        context.forward(deadLetter, TopologyNames.DEAD_LETTERS_SINK);
    }

    private Invocation.Source source() {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        return metadata.map(m -> new Invocation.Source(m.topic(), m.partition(), m.offset()))
                .orElse(Invocation.Source.UNKNOWN);
    }
}

package dev.chathooks.topology;

import dev.chathooks.deadletter.DeadLetters;
import dev.chathooks.deadletter.RejectedRecordException;
import dev.chathooks.deadletter.Rejection;
import dev.chathooks.event.ChatEvent;
import dev.chathooks.event.EventParser;
import dev.chathooks.event.EventType;
import dev.chathooks.invocation.Invocation;
import dev.chathooks.invocation.InvocationCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * before them but read after them (from the conversations topic) count too.
 */
final class EnrichmentProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(EnrichmentProcessor.class);
    /** Conversations kept parsed per task: a few megabytes. */
    private static final int DECODED_STATES = 10_000;

    private final EventParser parser;
    private final Duration typingWindow;
    private final Duration joinGrace;
    private ProcessorContext<byte[], byte[]> context;
    private VersionedKeyValueStore<String, byte[]> states;
    private TypingBatches typingBatches;
    private JoinBuffer joinBuffer;
    private final DecodedStates decoded = new DecodedStates(DECODED_STATES);

    EnrichmentProcessor(EventParser parser, Duration typingWindow, Duration joinGrace) {
        this.parser = parser;
        this.typingWindow = typingWindow;
        this.joinGrace = joinGrace;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(TopologyNames.CONVERSATION_STORE);
        if (!typingWindow.isZero()) {
            typingBatches = new TypingBatches(context, context.getStateStore(TopologyNames.TYPING_STORE), typingWindow,
                    this::emit);
        }
        if (!joinGrace.isZero()) {
            joinBuffer = new JoinBuffer(context, context.getStateStore(TopologyNames.JOIN_BUFFER_STORE), joinGrace,
                    this::join);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Invocation.Source source = source();
        try {
            ChatEvent event = parser.parse(record.key(), record.value(), record.timestamp());
            if (event.type().changesState()) {
                changeState(event, source);
            } else if (joinBuffer != null) {
                joinBuffer.hold(record, source);
            } else {
                join(event, source);
            }
        } catch (RejectedRecordException e) {
            deadLetter(record, e.rejection(), source);
        }
    }

    /** A message or typing event whose join grace is over. */
    private void join(Record<byte[], byte[]> record, Invocation.Source source) {
        try {
            join(parser.parse(record.key(), record.value(), record.timestamp()), source);
        } catch (RejectedRecordException e) {
            deadLetter(record, e.rejection(), source);
        }
    }

    private void changeState(ChatEvent event, Invocation.Source source) throws RejectedRecordException {
        String conversationId = event.conversationId();
        VersionedRecord<byte[]> latest = states.get(conversationId);
        ConversationState current = latest == null ? null : decoded.decode(conversationId, latest.value());
        ConversationLogic.Outcome outcome = ConversationLogic.apply(current, event, source);
        if (outcome.stateChanged()) {
            // Keep versions in processing order: an event stamped before the latest version is stored at
            // the latest version's time, not slipped in under it.
            long at = latest == null ? event.timestamp() : Math.max(event.timestamp(), latest.timestamp());
            byte[] bytes = outcome.state() == null ? null : outcome.state().toBytes();
            states.put(conversationId, bytes, at);
            if (bytes != null) {
                decoded.stored(conversationId, bytes, outcome.state());
            }
        }
        emit(outcome.invocation());
    }

    private void join(ChatEvent event, Invocation.Source source) throws RejectedRecordException {
        String conversationId = event.conversationId();
        VersionedRecord<byte[]> asOf = states.get(conversationId, event.timestamp());
        ConversationState current = asOf == null ? null : decoded.decode(conversationId, asOf.value());
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
        byte[] key = invocation.conversationId().getBytes(StandardCharsets.UTF_8);
        context.forward(new Record<>(key, InvocationCodec.encode(invocation), invocation.time()),
                TopologyNames.INVOCATIONS_SINK);
    }

    private void deadLetter(Record<byte[], byte[]> record, Rejection rejection, Invocation.Source source) {
        LOG.debug("Dead letter from {}-{}@{}: {}", source.topic(), source.partition(), source.offset(),
                rejection.reason());
        Record<byte[], byte[]> deadLetter = record.withHeaders(
                DeadLetters.headers(record.headers(), rejection, source.topic(), source.partition(), source.offset()));
        context.forward(deadLetter, TopologyNames.DEAD_LETTERS_SINK);
    }

    private Invocation.Source source() {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        return metadata.map(m -> new Invocation.Source(m.topic(), m.partition(), m.offset()))
                .orElse(Invocation.Source.UNKNOWN);
    }
}

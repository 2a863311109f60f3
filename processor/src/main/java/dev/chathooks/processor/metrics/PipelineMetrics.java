package dev.chathooks.processor.metrics;

import dev.chathooks.api.HookKind;
import dev.chathooks.processor.deadletter.ReasonCode;
import dev.chathooks.processor.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the enrichment topology reads, rejects and writes: {@code chathooks_events_total{topic,type}},
 * {@code chathooks_rejected_total{reason}} and {@code chathooks_invocations_total{kind}}, and how long events of
 * conversations with no state yet waited for them, {@code chathooks_conversation_wait_seconds{outcome}}.
 * Thread-safe; counting allocates nothing once a topic has been seen.
 */
public final class PipelineMetrics {
    private static final PipelineMetrics NONE = new PipelineMetrics(new CompositeMeterRegistry());

    private final MeterRegistry registry;
    private final Map<String, Counter[]> eventsByTopic = new ConcurrentHashMap<>();
    private final Counter[] rejected = new Counter[ReasonCode.values().length];
    private final Counter[] invocations = new Counter[HookKind.values().length];
    private final Timer waitedJoined;
    private final Timer waitedGaveUp;

    PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Made up front, so that every series exists at 0 and a rate over it is defined from the first scrape.
        for (ReasonCode reason : ReasonCode.values()) {
            if (reason == ReasonCode.HOOK_FAILED) {
                continue; // not an input record's fault: chathooks_hook_calls_total{outcome="dead_lettered"} counts it
            }
            rejected[reason.ordinal()] = Counter.builder(MetricNames.REJECTED)
                    .description("Input records dead-lettered, by reason code")
                    .tag("reason", reason.code())
                    .register(registry);
        }
        for (HookKind kind : HookKind.values()) {
            invocations[kind.ordinal()] = Counter.builder(MetricNames.INVOCATIONS)
                    .description("Invocations written to the invocations topic, by hook kind")
                    .tag("kind", kind.seedName())
                    .register(registry);
        }
        waitedJoined = conversationWait("joined");
        waitedGaveUp = conversationWait("gave_up");
    }

    private Timer conversationWait(String outcome) {
        return MetricNames.histogram(MetricNames.CONVERSATION_WAIT)
                .description("How long message and typing events of conversations with no state yet waited for "
                        + "the creation (outcome joined) or the end of join.unknown-conversation.wait (gave_up)")
                .tag("outcome", outcome)
                .register(registry);
    }

    /**
     * One message or typing event that waited {@code waitedMs} for its conversation's creation or snapshot.
     *
     * @param joined whether the conversation came (else the wait ended and the event was dead-lettered)
     */
    public void waitedForConversation(long waitedMs, boolean joined) {
        (joined ? waitedJoined : waitedGaveUp).record(Math.max(0, waitedMs), TimeUnit.MILLISECONDS);
    }

    /** Counts nothing anyone reads: for a topology built without a registry (tests, tools). */
    public static PipelineMetrics none() {
        return NONE;
    }

    /** One input event of {@code type} read from {@code topic}. */
    public void eventRead(String topic, EventType type) {
        Counter[] byType = eventsByTopic.get(topic);
        if (byType == null) {
            byType = eventsByTopic.computeIfAbsent(topic, this::eventCounters);
        }
        byType[type.ordinal()].increment();
    }

    private Counter[] eventCounters(String topic) {
        Counter[] byType = new Counter[EventType.values().length];
        for (EventType type : EventType.values()) {
            byType[type.ordinal()] = Counter.builder(MetricNames.EVENTS)
                    .description("Input events read, by topic and event type")
                    .tag("topic", topic)
                    .tag("type", type.wireName())
                    .register(registry);
        }
        return byType;
    }

    /** One input record dead-lettered for {@code reason}, which is not {@code hook-failed}. */
    public void rejected(ReasonCode reason) {
        rejected[reason.ordinal()].increment();
    }

    /** One invocation of {@code kind} written. */
    public void invocationWritten(HookKind kind) {
        invocations[kind.ordinal()].increment();
    }
}

package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.invocation.InvocationCodec;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks that fail, on a real broker: at random (retried until they succeed), always on some events (those are
 * dead-lettered and the rest goes on), or by hanging (timed out, without holding up anything else).
 */
@KafkaIntegrationTest
@Tag("reliability")
class HookFaultsTest {
    @TempDir
    Path dir;

    private LiveProcessors processors;
    private final CallLog log = new CallLog();

    @BeforeEach
    void processors() {
        processors = new LiveProcessors(SharedKafka.bootstrapServers(), dir, "faults");
    }

    @AfterEach
    void stop() {
        processors.close();
    }

    private void produce(ChatLoad load) {
        for (List<ProducerRecord<byte[], byte[]>> chunk :
                load.chunks(processors.keys(), load.size(), System.currentTimeMillis())) {
            TestRecords.produce(processors.bootstrapServers(), chunk);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLetters(int atLeast, Duration wait) {
        return TestRecords.readAll(processors.bootstrapServers(), processors.topic("dlq"), atLeast, wait);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DeadLetterHeaders.get(record.headers(), name);
    }

    private static Set<String> allEventIds(ChatLoad load) {
        return load.events().stream().map(ChatLoad.Event::eventId).collect(Collectors.toSet());
    }

    @Test
    void aHookThatFailsThirtyPercentOfItsCallsAtRandomMakesEveryCallInTheEndInOrder() {
        Figures figures = Figures.of("hook failing 30 % of calls at random");
        processors
                .set("dispatch.hook.flaky.retry.max-attempts", "30")
                .set("dispatch.hook.flaky.retry.initial-backoff", "5ms")
                .set("dispatch.hook.flaky.retry.max-backoff", "50ms");
        AtomicLong attempts = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        ChatHooksRuntime runtime = processors.start("a", new ObservedHook("flaky", log, (event, message) -> {
            attempts.incrementAndGet();
            if (ThreadLocalRandom.current().nextDouble() < 0.3) {
                failures.incrementAndGet();
                throw new IllegalStateException("failing at random");
            }
        }));
        ChatLoad load = ChatLoad.generate("flaky", 50, 3_000, 11);

        produce(load);
        Set<String> expected = allEventIds(load);
        Await.until(
                "every event's call succeeded",
                Duration.ofSeconds(120),
                () -> log.eventIds("flaky").containsAll(expected),
                () -> log.count("flaky") + " calls");

        DeliveryCheck check = DeliveryCheck.of("flaky", load, log.of("flaky"));
        int deadLetters = deadLetters(1, Duration.ofSeconds(2)).size();
        figures.put("events", load.size())
                .put("attempts", attempts.get())
                .put("failed attempts", failures.get())
                .put("retries", runtime.stats().get("flaky").retries())
                .put("successful calls", check.calls())
                .put("duplicates", check.duplicates())
                .put("order violations", check.violationCount())
                .put("dead letters", deadLetters)
                .put("time", figures.elapsed())
                .report();
        assertThat(failures.get()).as("failed attempts").isPositive();
        assertThat(check.missing()).isEmpty();
        assertThat(check.violations())
                .as("retries keep each conversation's order")
                .isEmpty();
        assertThat(check.duplicates()).as("a retried call succeeds once").isZero();
        assertThat(deadLetters).isZero();
    }

    @Test
    void aHookThatAlwaysFailsOnSomeEventsDeadLettersExactlyThoseAndMakesEveryOtherCall() throws Exception {
        Figures figures = Figures.of("hook always failing on some events");
        processors
                .set("dispatch.hook.picky.retry.max-attempts", "3")
                .set("dispatch.hook.picky.retry.initial-backoff", "1ms")
                .set("dispatch.hook.picky.retry.max-backoff", "5ms");
        ChatLoad load = ChatLoad.generate("picky", 40, 2_000, 12);
        Set<String> poison = new java.util.HashSet<>();
        for (int i = 40; i < load.size(); i += 20) {
            poison.add(load.events().get(i).eventId());
        }
        processors.start(
                "a",
                new ObservedHook("picky", log, (event, message) -> {
                    if (poison.contains(event.id())) {
                        throw new IllegalStateException("cannot handle " + event.id());
                    }
                }),
                new ObservedHook("steady", log));

        produce(load);
        Set<String> others = new java.util.HashSet<>(allEventIds(load));
        others.removeAll(poison);
        Await.until(
                "every other event's call succeeded",
                Duration.ofSeconds(120),
                () -> log.eventIds("picky").containsAll(others)
                        && log.eventIds("steady").containsAll(allEventIds(load)),
                () -> log.count("picky") + " calls");
        List<ConsumerRecord<byte[], byte[]>> letters = deadLetters(poison.size(), Duration.ofSeconds(60));

        Set<String> deadLettered = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            String eventId = InvocationCodec.decode(letter.value()).eventId();
            deadLettered.add(eventId);
            assertThat(header(letter, DeadLetterHeaders.REASON_CODE)).isEqualTo("hook-failed");
            assertThat(header(letter, DeadLetterHeaders.HOOK)).isEqualTo("picky");
            assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
            assertThat(header(letter, DeadLetterHeaders.ERROR))
                    .isEqualTo("java.lang.IllegalStateException: cannot handle " + eventId);
            assertThat(header(letter, DeadLetterHeaders.REASON))
                    .isEqualTo("hook-failed: picky after 3 attempts: "
                            + "java.lang.IllegalStateException: cannot handle " + eventId);
            assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC))
                    .isEqualTo(processors.config().topics().invocations());
        }
        DeliveryCheck picky = DeliveryCheck.of("picky", load.without(poison), log.of("picky"));
        DeliveryCheck steady = DeliveryCheck.of("steady", load, log.of("steady"));
        figures.put("events", load.size())
                .put("failing events", poison.size())
                .put("dead letters", letters.size())
                .put("other events called", picky.calls())
                .put("order violations", picky.violationCount())
                .put("calls of the other hook", steady.calls())
                .put("time", figures.elapsed())
                .report();
        assertThat(letters).hasSize(poison.size());
        assertThat(deadLettered).isEqualTo(poison);
        assertThat(log.eventIds("picky")).doesNotContainAnyElementsOf(poison);
        assertThat(picky.violations())
                .as("the conversation goes on after its dead letter, in order")
                .isEmpty();
        assertThat(steady.missing()).as("the other hook is not affected").isEmpty();
        assertThat(steady.violations()).isEmpty();
    }

    @Test
    void aHookThatHangsIsTimedOutWithoutHoldingUpOtherConversationsOrHooks() throws Exception {
        Figures figures = Figures.of("hook hanging on one event");
        processors.set("dispatch.hook.hanging.timeout", "8s").set("dispatch.hook.hanging.retry.max-attempts", "1");
        CountDownLatch hangStarted = new CountDownLatch(1);
        AtomicInteger othersDoneAtInterrupt = new AtomicInteger(-1);
        AtomicInteger otherHookDoneAtInterrupt = new AtomicInteger(-1);
        AtomicBoolean hangReturned = new AtomicBoolean();
        List<ProducerRecord<byte[], byte[]>> hangingConversation = new ArrayList<>();
        long time = System.currentTimeMillis();
        hangingConversation.add(
                record("conversations", ChatEvents.created("h-0", List.of("u-1", "u-2"), List.of()), time));
        List<String> hangingEvents = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            var sent = ChatEvents.sent("h-0", "m-" + m, "u-1", "hello " + m);
            hangingEvents.add(sent.path("id").asText());
            hangingConversation.add(record("messages", sent, time + 1 + m));
        }
        String hangs = hangingEvents.get(0);
        ChatLoad others = ChatLoad.generate("other", 10, 300, 13);
        Set<String> otherIds = allEventIds(others);
        ChatHooksRuntime runtime = processors.start(
                "a",
                new ObservedHook("hanging", log, (event, message) -> {
                    if (event.id().equals(hangs)) {
                        hangStarted.countDown();
                        try {
                            Thread.sleep(Duration.ofMinutes(10).toMillis());
                        } catch (InterruptedException e) {
                            othersDoneAtInterrupt.set(log.count("hanging", call -> otherIds.contains(call.eventId())));
                            otherHookDoneAtInterrupt.set(log.count("steady"));
                            throw e;
                        } finally {
                            hangReturned.set(true);
                        }
                    }
                }),
                new ObservedHook("steady", log));

        TestRecords.produce(processors.bootstrapServers(), hangingConversation);
        Await.until("the hook hangs", () -> hangStarted.getCount() == 0);
        for (List<ProducerRecord<byte[], byte[]>> chunk : others.chunks(processors.keys(), others.size(), time + 100)) {
            TestRecords.produce(processors.bootstrapServers(), chunk);
        }
        Await.until(
                "the hook made every call of the other conversations",
                Duration.ofSeconds(60),
                () -> log.eventIds("hanging").containsAll(otherIds),
                () -> log.count("hanging") + " calls");
        Await.until(
                "the hanging call was timed out and the conversation went on",
                Duration.ofSeconds(60),
                () -> log.eventIds("hanging").containsAll(hangingEvents.subList(1, hangingEvents.size())),
                () -> "");
        List<ConsumerRecord<byte[], byte[]>> letters = deadLetters(1, Duration.ofSeconds(30));

        figures.put("other conversations' calls", otherIds.size())
                .put("of them made while the call hung", othersDoneAtInterrupt.get())
                .put("other hook's calls made while it hung", otherHookDoneAtInterrupt.get())
                .put("dead letters", letters.size())
                .put("time", figures.elapsed())
                .report();
        assertThat(othersDoneAtInterrupt.get())
                .as("other conversations' calls made while the call hung")
                .isEqualTo(otherIds.size());
        assertThat(otherHookDoneAtInterrupt.get())
                .as("the other hook's calls made while the call hung")
                .isEqualTo(otherIds.size() + hangingConversation.size());
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(InvocationCodec.decode(letter.value()).eventId()).isEqualTo(hangs);
            assertThat(header(letter, DeadLetterHeaders.HOOK)).isEqualTo("hanging");
            assertThat(header(letter, DeadLetterHeaders.ERROR))
                    .isEqualTo(
                            "java.util.concurrent.TimeoutException: the call took longer than its timeout (dispatch.timeout)");
        });
        assertThat(log.of("hanging").stream()
                        .map(Call::eventId)
                        .filter(hangingEvents::contains)
                        .toList())
                .as("the conversation went on in order")
                .isEqualTo(hangingEvents.subList(1, hangingEvents.size()));
        assertThat(hangReturned).as("the hung call's thread was freed").isTrue();
        assertThat(runtime.overdueAttempts()).containsEntry("hanging", 0);
    }

    @Test
    void aConversationWaitingToRetryHoldsBackItsOwnLaterEventsAndNothingElse() {
        Figures figures = Figures.of("conversation waiting to retry");
        processors
                .set("dispatch.hook.retrying.retry.max-attempts", "3")
                .set("dispatch.hook.retrying.retry.initial-backoff", "3s")
                .set("dispatch.hook.retrying.retry.max-backoff", "3s");
        AtomicInteger attempts = new AtomicInteger();
        List<ProducerRecord<byte[], byte[]>> slowConversation = new ArrayList<>();
        long time = System.currentTimeMillis();
        slowConversation.add(
                record("conversations", ChatEvents.created("s-0", List.of("u-1", "u-2"), List.of()), time));
        List<String> slowEvents = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            var sent = ChatEvents.sent("s-0", "m-" + m, "u-1", "hello " + m);
            slowEvents.add(sent.path("id").asText());
            slowConversation.add(record("messages", sent, time + 1 + m));
        }
        String retried = slowEvents.get(0);
        ChatLoad others = ChatLoad.generate("quick", 10, 300, 14);
        processors.start("a", new ObservedHook("retrying", log, (event, message) -> {
            if (event.id().equals(retried) && attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
        }));

        TestRecords.produce(processors.bootstrapServers(), slowConversation);
        Await.until("the first attempt failed", () -> attempts.get() >= 1);
        for (List<ProducerRecord<byte[], byte[]>> chunk : others.chunks(processors.keys(), others.size(), time + 100)) {
            TestRecords.produce(processors.bootstrapServers(), chunk);
        }
        Await.until(
                "every call was made",
                Duration.ofSeconds(60),
                () -> log.eventIds("retrying").containsAll(slowEvents)
                        && log.eventIds("retrying").containsAll(allEventIds(others)),
                () -> "");

        List<String> order = log.of("retrying").stream().map(Call::eventId).toList();
        int retriedAt = order.indexOf(retried);
        Set<String> otherIds = allEventIds(others);
        long othersBefore =
                order.subList(0, retriedAt).stream().filter(otherIds::contains).count();
        figures.put("attempts of the retried call", attempts.get())
                .put("other conversations' calls", otherIds.size())
                .put("of them made before the retried call succeeded", othersBefore)
                .put("time", figures.elapsed())
                .report();
        assertThat(othersBefore)
                .as("other conversations did not wait for the retry")
                .isEqualTo(otherIds.size());
        assertThat(order.stream().filter(slowEvents::contains).toList())
                .as("the conversation's own events waited")
                .isEqualTo(slowEvents);
    }

    private ProducerRecord<byte[], byte[]> record(
            String topic, com.fasterxml.jackson.databind.node.ObjectNode event, long timestamp) {
        return new ProducerRecord<>(
                processors.topic(topic),
                null,
                timestamp,
                TestRecords.bytes(event.path("subject").asText()),
                ChatEvents.bytes(event));
    }

    @Test
    void anEventDeliveredAgainWithinTheDedupWindowIsSkipped() {
        Figures figures = Figures.of("de-duplication window");
        processors.set("dispatch.hook.deduplicating.dedup-window", "10m");
        ChatHooksRuntime runtime =
                processors.start("a", new ObservedHook("deduplicating", log), new ObservedHook("plain", log));
        long time = System.currentTimeMillis();
        var sent = ChatEvents.sent("dd-0", "m-1", "u-1", "hello");
        var next = ChatEvents.sent("dd-0", "m-2", "u-1", "hello again");

        // The chat server sent the same event twice (the same id), as a retrying producer may.
        TestRecords.produce(
                processors.bootstrapServers(),
                List.of(
                        record("conversations", ChatEvents.created("dd-0", List.of("u-1", "u-2"), List.of()), time),
                        record("messages", sent, time + 1),
                        record("messages", sent, time + 2),
                        record("messages", next, time + 3)));
        Await.until(
                "both hooks got to the last event",
                () -> log.eventIds("plain").contains(next.path("id").asText())
                        && log.eventIds("deduplicating")
                                .contains(next.path("id").asText()));

        figures.put("deliveries of the event", 2)
                .put(
                        "calls without the window",
                        log.count(
                                "plain",
                                call -> call.eventId().equals(sent.path("id").asText())))
                .put(
                        "calls with the window",
                        log.count(
                                "deduplicating",
                                call -> call.eventId().equals(sent.path("id").asText())))
                .report();
        assertThat(log.count(
                        "plain", call -> call.eventId().equals(sent.path("id").asText())))
                .isEqualTo(2);
        assertThat(log.count(
                        "deduplicating",
                        call -> call.eventId().equals(sent.path("id").asText())))
                .isEqualTo(1);
        assertThat(runtime.stats().get("deduplicating").skippedDuplicate()).isEqualTo(1);
    }
}

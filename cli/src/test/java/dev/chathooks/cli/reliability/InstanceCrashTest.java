package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.devtools.embedded.EmbeddedKafka;
import dev.chathooks.processor.kafka.TopicSpec;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.ConsumerGroups;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processor instances, each a JVM of its own, share 20,000 events of 500 conversations; one is killed with
 * SIGKILL midway and started again. Every event's call is made at least once by each hook, each conversation's
 * order is kept as {@link CallOrder} defines it, and the duplicates are counted.
 */
@KafkaIntegrationTest
@Tag("reliability")
class InstanceCrashTest {
    private static final int CONVERSATIONS = 500;
    private static final int EVENTS = 20_000;
    /** Events are produced in chunks, a pause apart, so the kill and the restart happen while they arrive. */
    private static final int CHUNK = 250;

    private static final Duration PAUSE = Duration.ofMillis(300);
    /**
     * Kafka Streams' processing guarantee, {@code at_least_once} (the default) unless the system property
     * {@code reliability.processing.guarantee} says otherwise ({@code exactly_once_v2}, for the figures).
     */
    private static final String GUARANTEE = System.getProperty("reliability.processing.guarantee", "at_least_once");

    private static final List<String> HOOKS = List.of("steady-journal", "flaky-journal");

    @TempDir
    Path dir;

    @Test
    void killingOneOfTwoInstancesMidwayLosesNoCallAndKeepsEveryConversationsOrder() throws Exception {
        Figures figures = Figures.of("kill -9 of one of two instances");
        // Its own broker: a killed member is replaced once its session times out, 45 s by default; 6 s here.
        try (EmbeddedKafka broker = EmbeddedKafka.builder(dir.resolve("kafka"))
                .port(0)
                .brokerProperty("group.consumer.min.session.timeout.ms", "6000")
                .brokerProperty("group.consumer.session.timeout.ms", "6000")
                .build()
                .start()) {
            String servers = broker.bootstrapServers();
            String app = TestTopics.uniqueName("crash");
            Map<String, String> keys = new LinkedHashMap<>();
            for (String topic : List.of("conversations", "messages", "typing", "users", "devices", "dlq")) {
                keys.put("topics." + topic, app + "." + topic);
            }
            TestTopics.create(
                    servers,
                    TopicSpec.of(keys.get("topics.conversations"), 6),
                    TopicSpec.of(keys.get("topics.messages"), 6),
                    TopicSpec.of(keys.get("topics.typing"), 6));
            JournalFile journal = new JournalFile(dir.resolve("journal.txt"));
            Path hooks =
                    ProcessorProcess.hooksFolder(dir.resolve("hooks"), SteadyJournalHook.class, FlakyJournalHook.class);

            ProcessorProcess a = ProcessorProcess.start("a", dir, hooks, arguments(servers, app, keys, journal, "a"));
            ProcessorProcess b = ProcessorProcess.start("b", dir, hooks, arguments(servers, app, keys, journal, "b"));
            List<ProcessorProcess> processes = new ArrayList<>(List.of(a, b));
            try {
                long launched = System.nanoTime();
                a.awaitRunning();
                b.awaitRunning();
                figures.put("start of two instances", seconds(System.nanoTime() - launched));
                try (Admin admin = TestTopics.admin(servers)) {
                    Await.until(
                            "both instances are members of every hook's group",
                            Duration.ofSeconds(120),
                            () -> HOOKS.stream().allMatch(hook -> members(admin, app, hook) == 2),
                            () -> "");

                    ChatLoad load = ChatLoad.generate("c", CONVERSATIONS, EVENTS, 42);
                    long start = System.nanoTime();
                    long firstTimestamp = System.currentTimeMillis();
                    CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                        for (List<ProducerRecord<byte[], byte[]>> chunk : load.chunks(keys, CHUNK, firstTimestamp)) {
                            TestRecords.produce(servers, chunk);
                            pause();
                        }
                    });

                    Await.until(
                            "both instances made calls and 30 % of the calls are made",
                            Duration.ofSeconds(180),
                            () -> {
                                List<Call> calls = journal.calls();
                                return calls.size() >= 0.3 * HOOKS.size() * EVENTS
                                        && calls.stream()
                                                .anyMatch(
                                                        call -> call.instance().equals("a"))
                                        && calls.stream()
                                                .anyMatch(
                                                        call -> call.instance().equals("b"));
                            },
                            () -> journal.calls().size() + " calls");
                    a.kill();
                    long killedAt = System.nanoTime();
                    int callsAtKill = journal.calls().size();
                    figures.put("calls before the kill", callsAtKill)
                            .put("production still under way at the kill", !producing.isDone());

                    Await.until(
                            "the killed instance left every hook's group",
                            Duration.ofSeconds(120),
                            () -> HOOKS.stream().allMatch(hook -> members(admin, app, hook) == 1),
                            () -> "");
                    figures.put("takeover after the kill", seconds(System.nanoTime() - killedAt));
                    ProcessorProcess restarted = ProcessorProcess.start(
                            "a-restarted",
                            dir,
                            hooks,
                            arguments(servers, app, keys, journal, "a-restarted", dir.resolve("a")));
                    processes.add(restarted);
                    long restartedAt = System.nanoTime();
                    restarted.awaitRunning();
                    figures.put("restart until running", seconds(System.nanoTime() - restartedAt));

                    producing.get(120, TimeUnit.SECONDS);
                    Set<String> expected =
                            load.events().stream().map(ChatLoad.Event::eventId).collect(Collectors.toSet());
                    Await.until(
                            "every event's call was made by both hooks",
                            Duration.ofSeconds(240),
                            () -> {
                                List<Call> calls = journal.calls();
                                return HOOKS.stream()
                                        .allMatch(hook -> calls.stream()
                                                .filter(call -> call.hook().equals(hook))
                                                .map(Call::eventId)
                                                .collect(Collectors.toSet())
                                                .containsAll(expected));
                            },
                            () -> journal.calls().size() + " calls");
                    long allCalled = System.nanoTime();
                    restarted.stop();
                    b.stop();
                    figures.put("graceful stop of both", seconds(System.nanoTime() - allCalled));

                    List<Call> calls = journal.calls();
                    figures.put("events", EVENTS)
                            .put("conversations", CONVERSATIONS)
                            .put("guarantee", GUARANTEE)
                            .put("time to every call", seconds(allCalled - start));
                    for (String hook : HOOKS) {
                        List<Call> ofHook = calls.stream()
                                .filter(call -> call.hook().equals(hook))
                                .toList();
                        DeliveryCheck check = DeliveryCheck.of(hook, load, ofHook);
                        figures.put(hook + " calls", check.calls())
                                .put(hook + " duplicates", check.duplicates() + " (" + check.duplicatePercent() + ")")
                                .put(hook + " missing", check.missingCount())
                                .put(hook + " order violations", check.violationCount());
                        assertThat(check.missing())
                                .as(hook + ": events never called")
                                .isEmpty();
                        assertThat(check.violations())
                                .as(hook + ": calls out of order")
                                .isEmpty();
                    }
                    Map<String, Long> byInstance = calls.stream()
                            .collect(Collectors.groupingBy(
                                    Call::instance, java.util.TreeMap::new, Collectors.counting()));
                    figures.put("calls by instance", byInstance);
                    int deadLetters = TestRecords.readAll(servers, keys.get("topics.dlq"), 1, Duration.ofSeconds(3))
                            .size();
                    figures.put("dead letters", deadLetters);
                    assertThat(deadLetters).as("dead letters").isZero();
                }
            } finally {
                for (ProcessorProcess process : processes) {
                    process.close();
                }
                figures.report();
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int members(Admin admin, String app, String hook) {
        return ConsumerGroups.members(admin, app + "-hook-" + hook);
    }

    private List<String> arguments(
            String servers, String app, Map<String, String> keys, JournalFile journal, String instance) {
        return arguments(servers, app, keys, journal, instance, dir.resolve(instance));
    }

    private static List<String> arguments(
            String servers, String app, Map<String, String> keys, JournalFile journal, String instance, Path dataDir) {
        List<String> arguments =
                new ArrayList<>(List.of("--bootstrap-servers", servers, "--data-dir", dataDir.toString()));
        Map<String, String> settings = new LinkedHashMap<>(keys);
        settings.put("application.id", app);
        settings.put("processing.guarantee", GUARANTEE);
        // Kafka Streams' group (the classic protocol) replaces a dead member after this long; 45 s by default.
        settings.put("consumer.session.timeout.ms", "6000");
        settings.put("consumer.heartbeat.interval.ms", "1500");
        for (String hook : HOOKS) {
            settings.put("hook." + hook + ".journal", journal.path().toString());
            settings.put("hook." + hook + ".instance", instance);
        }
        // One call in five fails at random: retried until it succeeds (0.2^30: never dead-lettered).
        settings.put("hook.flaky-journal.failure-rate", "0.2");
        settings.put("dispatch.hook.flaky-journal.retry.max-attempts", "30");
        settings.put("dispatch.hook.flaky-journal.retry.initial-backoff", "5ms");
        settings.put("dispatch.hook.flaky-journal.retry.max-backoff", "100ms");
        settings.forEach((key, value) -> arguments.addAll(List.of("--set", key + "=" + value)));
        return arguments;
    }
}

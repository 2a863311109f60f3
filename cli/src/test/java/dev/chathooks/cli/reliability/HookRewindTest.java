package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat-hooks hooks rewind}: one hook re-runs a time range, with its processor instances running (they move
 * their own offsets, asked through the control topic) or stopped (the command moves them). Other hooks do not.
 */
@KafkaIntegrationTest
@Tag("reliability")
class HookRewindTest {
    private static final int CONVERSATIONS = 8;
    private static final int MESSAGES = 80;

    @TempDir
    Path dir;

    private LiveProcessors processors;
    private final CallLog log = new CallLog();
    private final List<String> earlier = new ArrayList<>();
    private final List<String> later = new ArrayList<>();

    @BeforeEach
    void processors() {
        processors = new LiveProcessors(SharedKafka.bootstrapServers(), dir, "rewind");
    }

    @AfterEach
    void stop() {
        processors.close();
    }

    /** Conversations and messages stamped two hours ago, then messages stamped one hour ago; returns that hour. */
    private long produceTwoHours() {
        long twoHoursAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        long oneHourAgo = twoHoursAgo + Duration.ofHours(1).toMillis();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            records.add(record(
                    "conversations",
                    ChatEvents.created("w-" + c, List.of("u-1", "u-2"), List.of()),
                    twoHoursAgo + c,
                    earlier));
        }
        for (int m = 0; m < MESSAGES; m++) {
            records.add(record(
                    "messages",
                    ChatEvents.sent("w-" + (m % CONVERSATIONS), "m-" + m, "u-1", "early " + m),
                    twoHoursAgo + CONVERSATIONS + m,
                    earlier));
        }
        for (int m = 0; m < MESSAGES; m++) {
            records.add(record(
                    "messages",
                    ChatEvents.sent("w-" + (m % CONVERSATIONS), "n-" + m, "u-2", "late " + m),
                    oneHourAgo + m,
                    later));
        }
        TestRecords.produce(processors.bootstrapServers(), records);
        return oneHourAgo;
    }

    private ProducerRecord<byte[], byte[]> record(String topic, ObjectNode event, long timestamp, List<String> ids) {
        ids.add(event.path("id").asText());
        return new ProducerRecord<>(
                processors.topic(topic),
                null,
                timestamp,
                TestRecords.bytes(event.path("subject").asText()),
                ChatEvents.bytes(event));
    }

    private Map<String, Long> callsPerEvent(String hook) {
        return log.of(hook).stream().collect(Collectors.groupingBy(Call::eventId, Collectors.counting()));
    }

    private void awaitFirstRun() {
        int all = earlier.size() + later.size();
        Await.until("both hooks made every call", () -> log.count("rewound") == all && log.count("bystander") == all);
    }

    @Test
    void aRunningHookIsRewoundByItsInstancesAndReRunsFromThatTimeAlone() {
        Figures figures = Figures.of("hooks rewind while running");
        // A de-duplication window would skip the re-run if a rewind did not clear it.
        processors.set("dispatch.hook.rewound.dedup-window", "1h");
        ChatHooksRuntime a =
                processors.start("a", new ObservedHook("rewound", log), new ObservedHook("bystander", log));
        ChatHooksRuntime b =
                processors.start("b", new ObservedHook("rewound", log), new ObservedHook("bystander", log));
        Await.until(
                "both instances own partitions of the hook",
                () -> !a.consumerStats().get("rewound").assigned().isEmpty()
                        && !b.consumerStats().get("rewound").assigned().isEmpty());
        long oneHourAgo = produceTwoHours();
        awaitFirstRun();

        Cli rewind = Cli.run(
                processors.keys(), "hooks", "rewind", "--hook", "rewound", "--to-time", Long.toString(oneHourAgo));

        assertThat(rewind.exitCode()).as(rewind.toString()).isZero();
        assertThat(rewind.out())
                .contains("was rewound by the running instance(s)")
                .contains(a.instanceId())
                .contains(b.instanceId());
        Await.until(
                "the later hour's calls were made again",
                () -> log.count("rewound") == earlier.size() + 2 * later.size());
        Map<String, Long> rewound = callsPerEvent("rewound");
        figures.put("events", earlier.size() + later.size())
                .put("events in the rewound hour", later.size())
                .put("calls of the rewound hook", log.count("rewound"))
                .put("calls of the other hook", log.count("bystander"))
                .put("time", figures.elapsed())
                .report();
        assertThat(later).allSatisfy(id -> assertThat(rewound).containsEntry(id, 2L));
        assertThat(earlier).allSatisfy(id -> assertThat(rewound).containsEntry(id, 1L));
        assertThat(log.count("bystander")).isEqualTo(earlier.size() + later.size());
    }

    @Test
    void aStoppedHookIsRewoundByTheCommandAndReRunsWhenItStartsAgain() {
        Figures figures = Figures.of("hooks rewind while stopped");
        ChatHooksRuntime first =
                processors.start("first", new ObservedHook("rewound", log), new ObservedHook("bystander", log));
        long oneHourAgo = produceTwoHours();
        awaitFirstRun();
        first.close();

        Cli rewind = Cli.run(
                processors.keys(), "hooks", "rewind", "--hook", "rewound", "--to-time", Long.toString(oneHourAgo));
        processors.start("second", new ObservedHook("rewound", log), new ObservedHook("bystander", log));

        assertThat(rewind.exitCode()).as(rewind.toString()).isZero();
        assertThat(rewind.out()).contains("now starts at offsets");
        Await.until(
                "the later hour's calls were made again",
                () -> log.count("rewound") == earlier.size() + 2 * later.size());
        Map<String, Long> rewound = callsPerEvent("rewound");
        figures.put("events", earlier.size() + later.size())
                .put("events in the rewound hour", later.size())
                .put("calls of the rewound hook", log.count("rewound"))
                .put("calls of the other hook", log.count("bystander"))
                .put("time", figures.elapsed())
                .report();
        assertThat(later).allSatisfy(id -> assertThat(rewound).containsEntry(id, 2L));
        assertThat(earlier).allSatisfy(id -> assertThat(rewound).containsEntry(id, 1L));
        assertThat(log.count("bystander")).isEqualTo(earlier.size() + later.size());
    }
}

package dev.chathooks.cli;

import dev.chathooks.devtools.dump.DumpLoader;
import dev.chathooks.devtools.dump.DumpTimes;
import dev.chathooks.devtools.dump.RetentionCheck;
import dev.chathooks.devtools.dump.TopicDumpReader;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.kafka.TopicSetup;
import dev.chathooks.processor.kafka.TopicSpec;
import dev.chathooks.processor.topics.Replication;
import dev.chathooks.processor.topics.TopicPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-hooks load}: a topic dump into live topics. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a topic dump into live topics, in the dump's order, with keys, timestamps and headers.",
            "Missing topics are created (the processor's partition count; users and devices compacted). Without"
                    + " --bootstrap-servers or bootstrap.servers, it writes to " + KafkaOptions.LOCAL_BROKER
                    + ", where `chat-hooks run` starts its embedded broker.",
            "Kafka deletes records older than a topic's retention.ms by their timestamps: load refuses a dump "
                    + "whose records a target topic would delete, unless given --retime.",
            ConfigOptions.SEE_DOCS
        })
final class LoadCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Mixin
    DumpInputOption dump;

    @Option(
            names = "--retime",
            description = {
                "Shift every timestamp by one offset so that the dump's newest "
                        + "record is stamped now, keeping the records' order and spacing (for a dump recorded long ago)."
            })
    boolean retime;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws IOException {
        Path input = dump.readable();
        ChatHooksConfig config = configOptions.config();
        String bootstrap = kafka.bootstrapOrLocal(config);
        DumpTimes times = new DumpTimes();
        try (TopicDumpReader reader = TopicDumpReader.open(input)) {
            reader.forEachRemaining(times::add);
        }
        long now = System.currentTimeMillis();
        long shift = retime ? times.shiftToNow(now) : 0;
        try (Admin admin = kafka.admin(config)) {
            List<TopicSpec> specs = new ArrayList<>();
            for (String topic : times.oldestByTopic().keySet()) {
                specs.add(TopicPlan.chatServerTopic(config, topic));
            }
            refuseWhatRetentionWouldDelete(
                    input, new RetentionCheck(admin, TIMEOUT).violations(specs, times.shifted(shift), now));
            Replication replication = Replication.forCluster(admin, config, TIMEOUT);
            new TopicSetup(admin, TIMEOUT)
                    .ensureTopics(specs.stream().map(replication::apply).toList());
        }
        long count;
        try (TopicDumpReader reader = TopicDumpReader.open(input);
                KafkaProducer<byte[], byte[]> producer = kafka.producer(config, "chat-hooks-load")) {
            count = DumpLoader.load(reader, producer, shift);
        }
        spec.commandLine()
                .getErr()
                .println("Loaded " + count + " records into "
                        + times.oldestByTopic().keySet()
                        + " on " + bootstrap
                        + (retime ? ", every timestamp shifted by " + Duration.ofMillis(shift) : "")
                        + ".");
        return 0;
    }

    private void refuseWhatRetentionWouldDelete(Path input, List<RetentionCheck.Violation> violations) {
        if (violations.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(
                "Kafka would delete records of --input " + input + " by their timestamps, before they are read: ");
        message.append(
                violations.stream().map(RetentionCheck.Violation::describe).collect(Collectors.joining("; ")));
        message.append(
                retime
                        ? ". The dump spans more than that retention even with --retime; raise the topic's retention.ms. "
                                + "Nothing was loaded."
                        : ". Give --retime to stamp the newest record now (order and spacing kept), or raise the topic's "
                                + "retention.ms (records must outlive loading by "
                                + RetentionCheck.READ_MARGIN.toMinutes()
                                + " minutes). Nothing was loaded.");
        throw new CliException(message.toString());
    }
}

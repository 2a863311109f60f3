package dev.chathooks.cli;

import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.dump.DumpLoader;
import dev.chathooks.dump.TopicDumpReader;
import dev.chathooks.kafka.TopicSetup;
import dev.chathooks.kafka.TopicSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chat-hooks load}: a topic dump into live topics. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Writes a topic dump into live topics, in the dump's order, with keys, timestamps and headers.",
                "Missing topics are created (the processor's partition count; users and devices compacted). Without"
                        + " --bootstrap-servers or bootstrap.servers, it writes to " + KafkaOptions.LOCAL_BROKER
                        + ", where `chat-hooks run` starts its embedded broker.",
                ConfigOptions.SEE_DOCS})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DumpInputOption dump;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws IOException {
        Path input = dump.readable();
        ChatHooksConfig config = configOptions.config();
        String bootstrap = kafka.bootstrapOrLocal(config);
        Set<String> topics = new LinkedHashSet<>();
        try (TopicDumpReader reader = TopicDumpReader.open(input)) {
            reader.forEachRemaining(record -> topics.add(record.topic()));
        }
        try (Admin admin = kafka.admin(config)) {
            List<TopicSpec> specs = new ArrayList<>();
            for (String topic : topics) {
                TopicSpec spec = TopicSpec.of(topic, config.topicPartitions());
                boolean compacted = topic.equals(config.topics().users()) || topic.equals(config.topics().devices());
                specs.add(compacted ? spec.compacted() : spec);
            }
            new TopicSetup(admin, Duration.ofSeconds(60)).ensureTopics(specs);
        }
        long count;
        try (TopicDumpReader reader = TopicDumpReader.open(input);
             KafkaProducer<byte[], byte[]> producer = kafka.producer(config, "chat-hooks-load")) {
            count = DumpLoader.load(reader, producer);
        }
        spec.commandLine().getErr().println("Loaded " + count + " records into " + topics + " on " + bootstrap + ".");
        return 0;
    }
}

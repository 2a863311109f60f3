package dev.chathooks.cli;

import dev.chathooks.devtools.dump.JsonLinesWriter;
import dev.chathooks.devtools.dump.TopicDumper;
import dev.chathooks.processor.config.ChatHooksConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-hooks dump}: live topics into a topic dump. */
@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = {
            "Reads live topics into a topic dump, merged in timestamp order.",
            "By default the chat server's five topics, from their beginning to their end when the dump starts."
                    + " Without --bootstrap-servers or bootstrap.servers, it reads from "
                    + KafkaOptions.LOCAL_BROKER + ", where `chat-hooks run` starts its embedded broker.",
            ConfigOptions.SEE_DOCS
        })
final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The topic dump to write.")
    Path output;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            description = "A topic to dump (repeatable; default: the conversations, messages, typing, users and"
                    + " devices topics).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--from", paramLabel = "TIME", description = "First timestamp, RFC 3339 or epoch milliseconds.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End timestamp (excluded), RFC 3339 or epoch ms.")
    String to;

    @Option(names = "--from-offset", paramLabel = "N", description = "First offset in every partition.")
    Long fromOffset;

    @Option(names = "--to-offset", paramLabel = "N", description = "End offset (excluded) in every partition.")
    Long toOffset;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws IOException {
        if (from != null && fromOffset != null) {
            throw new CliException("--from and --from-offset cannot be given together; choose a time or an offset");
        }
        ChatHooksConfig config = configOptions.config();
        ChatHooksConfig.Topics names = config.topics();
        List<String> wanted = topics.isEmpty()
                ? List.of(names.conversations(), names.messages(), names.typing(), names.users(), names.devices())
                        .stream()
                        .distinct()
                        .toList() // the one-topic layout names one topic three times
                : topics;
        TopicDumper.Range range = new TopicDumper.Range(time("--from", from), time("--to", to), fromOffset, toOffset);
        long count;
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.reader(config);
                JsonLinesWriter writer = new JsonLinesWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            count = TopicDumper.dump(consumer, wanted, range, record -> {
                try {
                    writer.write(record);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + "; name existing topics with --topic");
        }
        spec.commandLine().getErr().println("Dumped " + count + " records of " + wanted + " to " + output + ".");
        return 0;
    }

    static Long time(String flag, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(text.trim()).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new CliException(flag + " '" + text + "' is neither RFC 3339 (2026-11-24T10:00:00Z) nor epoch"
                        + " milliseconds");
            }
        }
    }
}

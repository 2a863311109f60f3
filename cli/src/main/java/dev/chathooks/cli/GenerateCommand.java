package dev.chathooks.cli;

import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.devtools.dump.JsonLinesWriter;
import dev.chathooks.devtools.simulation.ChatSimulator;
import dev.chathooks.processor.config.ChatHooksConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-hooks generate}: a topic dump of simulated chat traffic, to replay or load. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a topic dump of realistic simulated chat traffic (every event type), to replay or load.",
            ConfigOptions.SEE_DOCS
        })
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The topic dump to write.")
    Path output;

    @Option(
            names = "--records",
            defaultValue = "10000",
            paramLabel = "N",
            description = "How many records to write (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(
            names = "--users",
            defaultValue = "50",
            paramLabel = "N",
            description = "Users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(
            names = "--conversations",
            defaultValue = "20",
            paramLabel = "N",
            description = "Conversations (default: ${DEFAULT-VALUE}).")
    int conversations;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "N",
            description = "Random seed: the same seed writes the same dump (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws IOException {
        if (records < 1 || users < 2 || conversations < 1) {
            throw new CliException("--records must be at least 1, --users at least 2 and --conversations at least 1");
        }
        ChatHooksConfig config = configOptions.config();
        ChatSimulator simulator =
                new ChatSimulator(config.topics(), users, conversations, seed, System.currentTimeMillis());
        Map<String, Integer> byTopic = new TreeMap<>();
        try (JsonLinesWriter writer = new JsonLinesWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            for (int i = 0; i < records; i++) {
                DumpRecord record = simulator.next();
                byTopic.merge(record.topic(), 1, Integer::sum);
                writer.write(record);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote " + records + " records " + byTopic + " to " + output + ". Replay them with `chat-hooks"
                + " replay --input " + output + "`, or write them into live topics with `chat-hooks load --input "
                + output + "`.");
        out.flush();
        return 0;
    }
}

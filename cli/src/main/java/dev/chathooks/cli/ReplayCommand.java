package dev.chathooks.cli;

import dev.chathooks.devtools.dump.JsonLinesWriter;
import dev.chathooks.devtools.replay.ReplayOutput;
import dev.chathooks.devtools.replay.ReplaySummary;
import dev.chathooks.devtools.replay.Replayer;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.hosting.HookHost;
import dev.chathooks.processor.plugins.LoadedHook;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-hooks replay}: the topology and the hooks over a topic dump, with no broker. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the enrichment topology and the hooks found over a topic dump, without a broker.",
            "The whole dump is read first: a malformed line stops the replay before any hook is called.",
            "Records are fed in the dump's order; each invocation is handed to every hook of its kind, through"
                    + " the same dispatch as `run` (retries, de-duplication, dead letters).",
            ConfigOptions.SEE_DOCS
        })
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DumpInputOption dump;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Where to write the invocation log (JSON lines): a line per invocation, \"hooks\" listing"
                    + " the hooks it reached, so that a replay without hooks still shows every call (run's log has"
                    + " a line each time a hook finishes a call, \"hook\" naming it).")
    Path output;

    @Option(
            names = "--dead-letters",
            paramLabel = "FILE",
            description = "Where to write the dead letters (JSON lines with their reason).")
    Path deadLetters;

    @Option(
            names = "--hook-writes",
            paramLabel = "FILE",
            description = "Where to keep the records hooks write to topics (TopicWriter), as topic dump lines that"
                    + " `load` can write into live topics. Without it they are counted, not kept.")
    Path hookWrites;

    @Option(
            names = "--skip-unknown-topics",
            description = "Skip the records of topics that the configuration does not name, instead of refusing the"
                    + " dump (a misspelled topic name is refused by default, before any hook is called).")
    boolean skipUnknownTopics;

    @Mixin
    PluginOptions plugins;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws IOException {
        Path input = dump.readable();
        ChatHooksConfig config = configOptions.config();
        List<LoadedHook> hooks = plugins.load();
        PrintWriter err = spec.commandLine().getErr();
        if (hooks.isEmpty()) {
            err.println("No hooks found: the invocation log lists every call with \"hooks\": []."
                    + " Add hooks with --plugins PATH.");
        }
        ReplayTopicWriter.Sink written = new ReplayTopicWriter.Sink(err, Clock.systemUTC());
        // The host first: it refuses keys of hooks that do not run before any output file is made.
        try (HookHost host = new HookHost(hooks, config, written::writer);
                JsonLinesWriter hookWritesFile = written.keepIn(writer(hookWrites));
                JsonLinesWriter invocationLog = writer(output);
                JsonLinesWriter deadLetterFile = writer(deadLetters)) {
            host.start();
            ReplaySummary summary;
            try (Replayer replayer = new Replayer(config, host, ReplayOutput.to(invocationLog, deadLetterFile))) {
                summary = replayer.skipUnknownTopics(skipUnknownTopics).replay(input);
            }
            err.println(summary);
            if (hookWrites != null) {
                err.println("Hooks wrote " + written.written() + " record(s) to topics: " + hookWrites);
            }
        }
        return 0;
    }

    private static JsonLinesWriter writer(Path path) throws IOException {
        if (path == null) {
            return null;
        }
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        return new JsonLinesWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    }
}

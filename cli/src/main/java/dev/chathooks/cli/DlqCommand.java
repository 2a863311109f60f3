package dev.chathooks.cli;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetter;
import dev.chathooks.processor.deadletter.DeadLetterReader;
import dev.chathooks.processor.deadletter.DeadLetterRerun;
import dev.chathooks.processor.deadletter.ReasonCode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-hooks dlq}: inspect and re-run dead letters. */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        description = "Inspects and re-runs dead letters.",
        subcommands = {DlqCommand.ListDeadLetters.class, DlqCommand.ReplayDeadLetters.class})
final class DlqCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ChatHooksCommand.usageError(spec);
    }

    /** The filters and cluster options both subcommands share. */
    static final class Selection {
        @Option(names = "--hook", paramLabel = "NAME", description = "Only hook-failed dead letters of this hook.")
        String hook;

        @Option(
                names = "--reason",
                paramLabel = "CODE",
                description = "Only dead letters with this reason code (malformed-json, unknown-type, missing-field,"
                        + " key-mismatch, unknown-conversation, expired-state, too-large, hook-failed).")
        String reason;

        @Option(
                names = "--from-offset",
                paramLabel = "N",
                defaultValue = "0",
                description = "Start at this offset in each partition of the dead-letter topic (default: 0).")
        long fromOffset;

        @Mixin
        KafkaOptions kafka;

        @Mixin
        ConfigOptions configOptions;

        List<DeadLetter> read(ChatHooksConfig config) {
            if (reason != null && ReasonCode.fromCode(reason) == null) {
                throw new CliException("--reason '" + reason + "' is not a reason code; use one of "
                        + String.join(
                                ", ",
                                java.util.Arrays.stream(ReasonCode.values())
                                        .map(ReasonCode::code)
                                        .toList()));
            }
            try (KafkaConsumer<byte[], byte[]> consumer = kafka.reader(config)) {
                return new DeadLetterReader(config.topics().deadLetters()).list(consumer, fromOffset, hook, reason);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage() + "; is the processor's application.id and topics.dlq right?");
            }
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists dead letters: where, when, why, and from where. Never prints their values.")
    static final class ListDeadLetters implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Selection selection;

        @Override
        public Integer call() {
            ChatHooksConfig config = selection.configOptions.config();
            List<DeadLetter> letters = selection.read(config);
            PrintWriter out = spec.commandLine().getOut();
            Map<String, Integer> byCode = new TreeMap<>();
            for (DeadLetter letter : letters) {
                byCode.merge(letter.code(), 1, Integer::sum);
                out.printf(
                        "%s  %s  key=%s  from %s  %s%n",
                        letter.storedAt(),
                        Instant.ofEpochMilli(letter.timestamp()),
                        key(letter),
                        letter.sourceTopic(),
                        letter.reason());
            }
            out.println(letters.size() + " dead letters" + (letters.isEmpty() ? "." : " " + byCode + "."));
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = "Sends matching dead letters back to where they failed: input records to their topic,"
                    + " hook-failed invocations to that one hook. Fix the cause first.")
    static final class ReplayDeadLetters implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Selection selection;

        @Option(names = "--dry-run", description = "Say what would be re-run, and send nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            ChatHooksConfig config = selection.configOptions.config();
            List<DeadLetter> letters = selection.read(config);
            PrintWriter out = spec.commandLine().getOut();
            Map<String, Integer> byTarget = new TreeMap<>();
            if (dryRun) {
                letters.forEach(letter -> byTarget.merge(
                        letter.sourceTopic() + (letter.hook() == null ? "" : " (hook " + letter.hook() + ")"),
                        1,
                        Integer::sum));
                out.println("Would re-run " + letters.size() + " dead letters: " + byTarget);
                out.flush();
                return 0;
            }
            DeadLetterRerun sendBack = new DeadLetterRerun(config.topics().invocations());
            List<String> problems = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = selection.kafka.producer(config, "chat-hooks-dlq-replay")) {
                Map<DeadLetter, CompletableFuture<String>> sent = new LinkedHashMap<>();
                for (DeadLetter letter : letters) {
                    try {
                        sent.put(letter, sendBack.send(letter, producer));
                    } catch (IllegalArgumentException e) {
                        problems.add(e.getMessage() + ": it cannot be re-run");
                    }
                }
                producer.flush();
                sent.forEach((letter, future) -> {
                    try {
                        byTarget.merge(future.join(), 1, Integer::sum);
                    } catch (CompletionException e) {
                        problems.add("dead letter " + letter.storedAt() + " could not be sent back: " + e.getCause());
                    }
                });
            }
            int rerun = byTarget.values().stream().mapToInt(Integer::intValue).sum();
            out.println("Re-ran " + rerun + " dead letters: " + byTarget);
            out.flush();
            if (problems.isEmpty()) {
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            problems.forEach(err::println);
            err.println(problems.size() + " of " + letters.size() + " dead letters were not re-run.");
            err.flush();
            return 1;
        }
    }

    private static String key(DeadLetter letter) {
        byte[] key = letter.key();
        return key == null ? "null" : new String(key, StandardCharsets.UTF_8);
    }
}

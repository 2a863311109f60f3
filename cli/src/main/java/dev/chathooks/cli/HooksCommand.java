package dev.chathooks.cli;

import dev.chathooks.admin.HookRewind;
import dev.chathooks.api.HookConfig;
import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.control.ControlTopic;
import dev.chathooks.kafka.ClientProperties;
import dev.chathooks.control.RewindRequester;
import dev.chathooks.dispatch.HookGroups;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-hooks hooks}: operate on one hook's progress. */
@Command(name = "hooks", mixinStandardHelpOptions = true, description = "Operates on one hook's progress.",
        subcommands = {HooksCommand.Rewind.class})
final class HooksCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "rewind", mixinStandardHelpOptions = true,
            description = {"Moves a hook's consumer group on the invocations topic to a time or an offset, so that",
                    "the hook re-runs from there. Other hooks are not affected. With the processor stopped, the",
                    "group's offsets are moved here; with it running, its instances move them (through the",
                    "control topic <application.id>-control) and this command waits until they say it is done."})
    static final class Rewind implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--hook", required = true, paramLabel = "NAME", description = "The hook to rewind.")
        String hook;

        @Option(names = "--to-time", paramLabel = "TIME", description = "RFC 3339 or epoch milliseconds.")
        String toTime;

        @Option(names = "--to-offset", paramLabel = "N", description = "An offset, in every partition.")
        Long toOffset;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
                description = "How long to wait for running instances to rewind (default: ${DEFAULT-VALUE}).")
        String timeout;

        @Mixin
        KafkaOptions kafka;

        @Mixin
        ConfigOptions configOptions;

        @Override
        public Integer call() throws Exception {
            if ((toTime == null) == (toOffset == null)) {
                throw new CliException("give exactly one of --to-time and --to-offset");
            }
            Duration wait = HookConfig.parseDuration(timeout).filter(d -> !d.isZero()).orElseThrow(() ->
                    new CliException("--timeout '" + timeout + "' is not a duration such as 30s or 2m"));
            ChatHooksConfig config = configOptions.config();
            Long time = DumpCommand.time("--to-time", toTime);
            String group = HookGroups.of(config, hook);
            String bootstrap = kafka.bootstrapOrLocal(config);
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = kafka.admin(config)) {
                Map<TopicPartition, Long> targets = HookRewind.targets(admin, config.topics().invocations(), time,
                        toOffset);
                Map<Integer, Long> byPartition = new TreeMap<>();
                targets.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
                if (HookRewind.activeMembers(admin, group) == 0) {
                    try {
                        HookRewind.apply(admin, group, targets);
                        out.println("Hook '" + hook + "' (group " + group + ") now starts at offsets " + byPartition
                                + " of " + config.topics().invocations() + ".");
                        out.flush();
                        return 0;
                    } catch (IllegalStateException e) {
                        // An instance joined meanwhile: ask the running instances instead.
                    }
                }
                return rewindRunning(config, bootstrap, group, byPartition, wait, out);
            }
        }

        private int rewindRunning(ChatHooksConfig config, String bootstrap, String group,
                                  Map<Integer, Long> targets, Duration wait, PrintWriter out)
                throws InterruptedException {
            Properties consumer = ClientProperties.groupless(config, bootstrap, "chat-hooks-rewind");
            RewindRequester.Outcome outcome;
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer(config, "chat-hooks-rewind")) {
                outcome = RewindRequester.request(consumer, producer, ControlTopic.name(config), hook, targets, wait);
            } catch (IllegalStateException e) {
                throw new CliException("hook '" + hook + "' is consuming, and " + e.getMessage());
            }
            if (outcome.complete()) {
                out.println("Hook '" + hook + "' (group " + group + ") was rewound by the running instance(s) "
                        + outcome.instances() + ": it now goes on from offsets " + outcome.rewound() + " of "
                        + config.topics().invocations() + ".");
                out.flush();
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("Hook '" + hook + "' (group " + group + ") is consuming and was rewound only in part: "
                    + "partitions rewound " + outcome.rewound() + ", failed " + outcome.failed()
                    + ", not answered within " + timeout + " " + outcome.unanswered()
                    + ". Run the command again (partitions already rewound re-run once more), or stop the processor"
                    + " and rewind it stopped.");
            err.flush();
            return 1;
        }
    }
}

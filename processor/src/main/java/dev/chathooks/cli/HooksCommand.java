package dev.chathooks.cli;

import dev.chathooks.admin.HookRewind;
import dev.chathooks.config.ChatHooksConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
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
                    "the hook re-runs from there. Other hooks are not affected."})
    static final class Rewind implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--hook", required = true, paramLabel = "NAME", description = "The hook to rewind.")
        String hook;

        @Option(names = "--to-time", paramLabel = "TIME", description = "RFC 3339 or epoch milliseconds.")
        String toTime;

        @Option(names = "--to-offset", paramLabel = "N", description = "An offset, in every partition.")
        Long toOffset;

        @Mixin
        KafkaOptions kafka;

        @Mixin
        ConfigOptions configOptions;

        @Override
        public Integer call() throws Exception {
            if ((toTime == null) == (toOffset == null)) {
                throw new CliException("give exactly one of --to-time and --to-offset");
            }
            ChatHooksConfig config = configOptions.config();
            Long time = DumpCommand.time("--to-time", toTime);
            String group = dev.chathooks.dispatch.HookGroups.of(config, hook);
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = kafka.admin(config)) {
                Map<TopicPartition, Long> targets = HookRewind.targets(admin, config.topics().invocations(), time,
                        toOffset);
                try {
                    HookRewind.apply(admin, group, targets);
                } catch (IllegalStateException e) {
                    throw new CliException("cannot rewind hook '" + hook + "' while it is consuming: " + e.getMessage()
                            + "; stop the processor instances, rewind, and start them again");
                }
                Map<Integer, Long> byPartition = new TreeMap<>();
                targets.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
                out.println("Hook '" + hook + "' (group " + group + ") now starts at offsets " + byPartition
                        + " of " + config.topics().invocations() + ".");
            }
            out.flush();
            return 0;
        }
    }
}

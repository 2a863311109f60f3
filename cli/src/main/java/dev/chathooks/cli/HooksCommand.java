package dev.chathooks.cli;

import dev.chathooks.api.HookConfig;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.rewind.HookRewind;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-hooks hooks}: operate on one hook's progress. */
@Command(
        name = "hooks",
        mixinStandardHelpOptions = true,
        description = "Operates on one hook's progress.",
        subcommands = {HooksCommand.Rewind.class})
final class HooksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ChatHooksCommand.usageError(spec);
    }

    @Command(
            name = "rewind",
            mixinStandardHelpOptions = true,
            description = "Moves a hook's consumer group on the invocations topic to a time or an offset, so that"
                    + " the hook re-runs from there. Other hooks are not affected. With the processor stopped, the"
                    + " group's offsets are moved here; with it running, its instances move them (through the"
                    + " control topic <application.id>-control) and this command waits until they say it is done.")
    static final class Rewind implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--hook", required = true, paramLabel = "NAME", description = "The hook to rewind.")
        String hook;

        @Option(names = "--to-time", paramLabel = "TIME", description = "RFC 3339 or epoch milliseconds.")
        String toTime;

        @Option(names = "--to-offset", paramLabel = "N", description = "An offset, in every partition.")
        Long toOffset;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "60s",
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
            Duration wait = HookConfig.parseDuration(timeout)
                    .filter(d -> !d.isZero())
                    .orElseThrow(
                            () -> new CliException("--timeout '" + timeout + "' is not a duration such as 30s or 2m"));
            ChatHooksConfig config = configOptions.config();
            Long time = DumpCommand.time("--to-time", toTime);
            HookRewind.Target target = time != null ? HookRewind.Target.time(time) : HookRewind.Target.offset(toOffset);
            HookRewind.Outcome outcome;
            try {
                outcome = HookRewind.rewind(config, kafka.bootstrapOrLocal(config), hook, target, wait);
            } catch (IllegalStateException e) {
                throw new CliException("hook '" + hook + "' is consuming, and " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            String named = "Hook '" + hook + "' (group " + outcome.group() + ")";
            if (!outcome.byRunningInstances()) {
                out.println(named + " now starts at offsets " + outcome.rewound() + " of " + outcome.topic() + ".");
                out.flush();
                return 0;
            }
            if (outcome.complete()) {
                out.println(named + " was rewound by the running instance(s) " + outcome.instances()
                        + ": it now goes on from offsets " + outcome.rewound() + " of "
                        + outcome.topic() + ".");
                out.flush();
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println(named + " is consuming and was rewound only in part: partitions rewound "
                    + outcome.rewound() + ", failed " + outcome.failed()
                    + ", not answered within " + timeout + " " + outcome.unanswered()
                    + ". Run the command again (partitions already rewound re-run once more), or stop the processor"
                    + " and rewind it stopped.");
            err.flush();
            return 1;
        }
    }
}

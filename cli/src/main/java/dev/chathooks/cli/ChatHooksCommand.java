package dev.chathooks.cli;

import dev.chathooks.processor.errors.UserErrorException;
import java.io.PrintWriter;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chat-hooks} executable: one command per way of running the processor. */
@Command(
        name = "chat-hooks",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        description = {
            "Turns a chat server's action events on Kafka into rich, reliable hook calls.",
            "`chat-hooks COMMAND --help` tells more of each command. " + ConfigOptions.SEE_DOCS
        },
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            ReplayCommand.class,
            DlqCommand.class,
            HooksCommand.class,
            LoadCommand.class,
            DumpCommand.class,
            GenerateCommand.class,
            SimulateCommand.class,
            NewHookCommand.class,
            HealthCommand.class
        })
public final class ChatHooksCommand implements java.util.concurrent.Callable<Integer> {
    /** Exit code for a user error: a wrong flag, key, file or plugin. */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command: the usage, on the error stream, and a user error's exit code. */
    @Override
    public Integer call() {
        return usageError(spec);
    }

    /** A command of commands given none: its usage on the error stream, and {@link #USER_ERROR}. */
    static int usageError(CommandLine.Model.CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": name a command.");
        spec.commandLine().usage(err);
        return USER_ERROR;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its usage and messages going to {@code out} and {@code err}; for tests. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(new ChatHooksCommand(), out, err, args);
    }

    /**
     * Runs {@code command} (a picocli command object, such as another application's top-level command) with this
     * application's logging set-up and error handling: user errors print one line and exit with {@link #USER_ERROR}.
     */
    public static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
        // Hooks log through java.util.logging (the one logging API every class loader shares); route it to ours.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(ChatHooksCommand::handle);
        return commandLine.execute(args);
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof UserErrorException) {
            err.println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return USER_ERROR;
        }
        Throwable cause = rootCause(e);
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            err.println(commandLine.getCommandSpec().qualifiedName() + ": Kafka did not answer in time ("
                    + cause.getMessage()
                    + "). Is the cluster running and reachable at the bootstrap servers given?");
            return 1;
        }
        err.println(commandLine.getCommandSpec().qualifiedName() + " failed: " + e);
        e.printStackTrace(err);
        return 1;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}

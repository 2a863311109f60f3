package dev.chathooks.cli;

import dev.chathooks.cli.logging.DefaultLogging;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.dispatch.HookArguments;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the commands that run the processor live ({@code run}, {@code demo}) share: the hooks, the configuration,
 * the invocation log, and starting the processor with them, its messages going to the command's error stream.
 */
final class ProcessorOptions {
    private static final Logger LOG = LoggerFactory.getLogger("dev.chathooks.cli");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    PluginOptions plugins;

    @Mixin
    ConfigOptions configOptions;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Appends the invocation log: a JSON line each time a hook finishes a call, \"hook\" naming"
                    + " that hook (a replay's log has a line per invocation, \"hooks\" listing those it reached).")
    Path output;

    private boolean jsonLogs;

    /**
     * Starts the processor; returns once its hooks consume.
     *
     * @param config the configuration, with what the command's own flags set
     * @param hooks the hooks loaded ({@link PluginOptions#load()})
     * @param dataDir the instance's local state
     * @param listener told of each call a hook finished, or null
     */
    ChatHooksRuntime start(
            ChatHooksConfig config,
            List<LoadedHook> hooks,
            Path dataDir,
            BiConsumer<LoadedHook, HookArguments> listener,
            ManagementEndpoint management) {
        ChatHooksRuntime runtime;
        try {
            runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(
                    config, hooks, dataDir, output, this::say, listener, management.metrics()));
        } catch (RuntimeException | Error e) {
            management.close();
            throw e;
        }
        management.health(runtime.health());
        return runtime;
    }

    /**
     * Sets up the log format of {@code logging.format}. With JSON logs (for a container's log collector), what the
     * command says goes into the log too, so that every line is JSON.
     */
    void useLogFormat(ChatHooksConfig config) {
        DefaultLogging.useFormat(config.loggingFormat());
        DefaultLogging.useLevel(config.loggingLevel());
        jsonLogs = config.loggingFormat().equals("json");
    }

    /** Says {@code message} on the command's error stream at once (the standard output is the hooks'), or logs it. */
    void say(String message) {
        if (jsonLogs) {
            LOG.info(message);
            return;
        }
        PrintWriter err = command.commandLine().getErr();
        err.println(message);
        err.flush();
    }
}

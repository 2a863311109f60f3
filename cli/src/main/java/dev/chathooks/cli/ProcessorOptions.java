package dev.chathooks.cli;

import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.dispatch.HookArguments;
import dev.chathooks.plugins.LoadedHook;
import dev.chathooks.runtime.ChatHooksRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the commands that run the processor live ({@code run}, {@code demo}) share: the hooks, the configuration,
 * the invocation log, and starting the processor with them, its messages going to the command's error stream.
 */
final class ProcessorOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    PluginOptions plugins;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Appends the invocation log: a JSON line each time a hook finishes a call.")
    Path output;

    /**
     * Starts the processor; returns once its hooks consume.
     *
     * @param config the configuration, with what the command's own flags set
     * @param hooks the hooks loaded ({@link PluginOptions#load()})
     * @param dataDir the instance's local state
     * @param listener told of each call a hook finished, or null
     */
    ChatHooksRuntime start(ChatHooksConfig config, List<LoadedHook> hooks, Path dataDir,
                           BiConsumer<LoadedHook, HookArguments> listener) {
        return ChatHooksRuntime.start(new ChatHooksRuntime.Options(config, hooks, dataDir, output, this::say,
                listener));
    }

    /** Says {@code message} on the command's error stream at once: the standard output is the hooks'. */
    void say(String message) {
        PrintWriter err = command.commandLine().getErr();
        err.println(message);
        err.flush();
    }
}

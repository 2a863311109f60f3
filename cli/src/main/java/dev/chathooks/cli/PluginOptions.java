package dev.chathooks.cli;

import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.plugins.PluginLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --plugins}: where hooks come from besides the class path. */
final class PluginOptions {
    @Option(
            names = "--plugins",
            paramLabel = "PATH",
            description = "A hook's JAR, or a folder of JARs that form one plugin (such as"
                    + " examples/logging-hook/target/plugin). Each plugin gets its own class loader. Repeatable.")
    List<Path> paths = new ArrayList<>();

    /** The hooks on the class path and in every plugin path. */
    List<LoadedHook> load() {
        return new PluginLoader(ChatHooksCommand.class.getClassLoader()).load(paths);
    }
}

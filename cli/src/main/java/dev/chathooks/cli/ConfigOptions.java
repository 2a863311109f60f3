package dev.chathooks.cli;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.config.ConfigSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that reads configuration shares: {@code --config} and {@code --set}. */
public final class ConfigOptions {
    /** The last paragraph of the help of every command that reads configuration. */
    static final String SEE_DOCS = "Configuration keys, their defaults and checks, and how to give them in a file,"
            + " the environment or --set: docs/configuration.md.";

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "A Java properties file of configuration keys (see docs/configuration.md).")
    Path configFile;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Sets a configuration key, over the file and the environment (CHAT_HOOKS_*). Repeatable.")
    List<String> sets = new ArrayList<>();

    /** All keys from the file, the environment and {@code --set}. */
    public Map<String, String> keys() {
        return ConfigSources.load(configFile, System.getenv(), sets);
    }

    /**
     * The processor's configuration, checked in full but for the names of hooks, which are checked once they are
     * loaded.
     */
    ChatHooksConfig config() {
        return ChatHooksConfig.of(keys());
    }
}

package dev.chathooks.cli;

import dev.chathooks.config.ChatHooksConfig;
import dev.chathooks.config.ConfigSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that reads configuration shares: {@code --config} and {@code --set}. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "A Java properties file of configuration keys (see docs/configuration.md).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Sets a configuration key, over the file and the environment (CHAT_HOOKS_*). Repeatable.")
    List<String> sets = new ArrayList<>();

    /** All keys from the file, the environment and {@code --set}. */
    public Map<String, String> keys() {
        return ConfigSources.load(configFile, System.getenv(), sets);
    }

    /** The processor's configuration. */
    ChatHooksConfig config() {
        return ChatHooksConfig.of(keys());
    }
}

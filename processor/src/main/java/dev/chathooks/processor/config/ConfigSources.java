package dev.chathooks.processor.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Gathers configuration from its three sources, each overriding the one before: the config file (Java properties),
 * the environment ({@code CHAT_HOOKS_*}), and {@code --set key=value} flags.
 *
 * <p>An environment variable names a key in upper case with {@code _} for {@code .} and {@code __} for {@code -}:
 * {@code CHAT_HOOKS_BOOTSTRAP_SERVERS} is {@code bootstrap.servers}, {@code CHAT_HOOKS_HOOK_PUSH_DRY__RUN__FILE} is
 * {@code hook.push.dry-run-file}. Credentials are best given this way, or as files.
 */
public final class ConfigSources {
    /** The prefix of environment variables that set configuration keys. */
    public static final String ENV_PREFIX = "CHAT_HOOKS_";

    private ConfigSources() {}

    /**
     * The merged keys.
     *
     * @param file a Java properties file, or null for none
     * @param environment the process environment (or a test's stand-in)
     * @param sets {@code key=value} strings from {@code --set}
     * @throws ConfigException if the file cannot be read or a {@code --set} has no {@code =}
     */
    public static Map<String, String> load(Path file, Map<String, String> environment, List<String> sets) {
        Map<String, String> merged = new TreeMap<>();
        if (file != null) {
            merged.putAll(readFile(file));
        }
        merged.putAll(fromEnvironment(environment));
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(
                        "--set '" + set + "' must be key=value, such as --set hook.push.mode=dry-run");
            }
            merged.put(set.substring(0, eq).trim(), set.substring(eq + 1).trim());
        }
        return merged;
    }

    /** The keys named by {@code CHAT_HOOKS_*} variables. */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> keys = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                keys.put(keyForVariable(name.substring(ENV_PREFIX.length())), value);
            }
        });
        return keys;
    }

    static String keyForVariable(String variable) {
        return variable.toLowerCase(Locale.ROOT)
                .replace("__", "\u0000")
                .replace('_', '.')
                .replace('\u0000', '-');
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("--config " + file + " cannot be read: " + e.getMessage()
                    + "; give the path of a Java properties file");
        }
        Map<String, String> keys = new TreeMap<>();
        properties
                .stringPropertyNames()
                .forEach(name -> keys.put(name, properties.getProperty(name).trim()));
        return keys;
    }
}

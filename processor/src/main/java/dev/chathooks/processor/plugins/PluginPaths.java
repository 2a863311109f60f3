package dev.chathooks.processor.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Turns a {@code --plugins} path into the JARs of one plugin: a JAR alone, or every JAR directly inside a folder.
 */
final class PluginPaths {
    private PluginPaths() {}

    /** The JARs of a plugin, or why there are none. Exactly one of the two is non-null. */
    record Jars(List<Path> jars, String problem) {}

    /**
     * The JARs that form the plugin at {@code path}, in name order; sub-folders are not searched, so a plugin's
     * folder can hold other things beside its JARs.
     */
    static Jars resolve(Path path) {
        if (!Files.exists(path)) {
            return failure("plugin path " + path + " does not exist: pass a hook's JAR, or a folder that holds the"
                    + " hook's JAR and the JARs it needs, to --plugins");
        }
        List<Path> jars;
        if (Files.isDirectory(path)) {
            try (Stream<Path> entries = Files.list(path)) {
                jars = entries.filter(entry -> Files.isRegularFile(entry) && isJar(entry))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                return failure("plugin folder " + path + " cannot be read: " + ProviderDiagnosis.summary(e));
            }
            if (jars.isEmpty()) {
                return failure("plugin folder " + path + " holds no .jar file: put the hook's JAR and the JARs it"
                        + " needs directly in it (sub-folders are not searched)");
            }
        } else if (isJar(path)) {
            jars = List.of(path);
        } else {
            return failure("plugin path " + path + " is neither a .jar file nor a folder: pass a hook's JAR, or a"
                    + " folder of JARs that form one plugin, to --plugins");
        }
        for (Path jar : jars) {
            // Opening it is the check: a class loader would skip an unreadable JAR in silence.
            try {
                new JarFile(jar.toFile()).close();
            } catch (IOException | SecurityException e) {
                return failure("plugin JAR " + jar + " cannot be read as a JAR (" + ProviderDiagnosis.summary(e)
                        + "): rebuild it, or remove it from the plugin");
            }
        }
        return new Jars(jars, null);
    }

    private static boolean isJar(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static Jars failure(String problem) {
        return new Jars(null, problem);
    }
}

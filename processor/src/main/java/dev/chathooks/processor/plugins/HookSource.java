package dev.chathooks.processor.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where hooks are looked for: the host's class path, or one plugin path with its own class loader.
 *
 * @param pluginPath the plugin path, null for the class path
 * @param loader the class loader its hooks are loaded with
 */
record HookSource(Path pluginPath, ClassLoader loader) {
    static HookSource classPath(ClassLoader hostLoader) {
        return new HookSource(null, hostLoader);
    }

    static HookSource plugin(PluginClassLoader loader) {
        return new HookSource(loader.pluginPath(), loader);
    }

    Optional<Path> path() {
        return Optional.ofNullable(pluginPath);
    }

    /** {@code plugin /opt/hooks/push} or {@code the class path}, to start a sentence with. */
    String describe() {
        return pluginPath == null ? "the class path" : "plugin " + pluginPath;
    }

    /** What to do about a class the source's hook needs but does not hold. */
    String missingClassRemedy() {
        if (pluginPath == null) {
            return "add the JAR that holds it to the class path";
        }
        if (Files.isDirectory(pluginPath)) {
            return "add the JAR that holds it to the plugin folder " + pluginPath
                    + " (a plugin sees only its own JARs, the JDK and dev.chathooks.api, never the processor's libraries)";
        }
        return "put " + pluginPath.getFileName() + " and the JAR that holds it in one folder and pass that folder"
                + " to --plugins (a plugin sees only its own JARs, the JDK and dev.chathooks.api, never the"
                + " processor's libraries)";
    }
}

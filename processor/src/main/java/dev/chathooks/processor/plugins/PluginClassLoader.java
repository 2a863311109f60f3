package dev.chathooks.processor.plugins;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader of one plugin: its JARs, the JDK's platform classes, and the hook API from the host. Nothing
 * else of the host is visible, so a plugin can bring its own Jackson, Netty or slf4j in any version, and a
 * library on the host's class path never shadows the plugin's copy.
 *
 * <p>The hook API package is always taken from the host, even if a plugin bundles a copy of it: the host and the
 * plugin must agree on {@code ChatHook} for the hook to be callable at all.
 */
final class PluginClassLoader extends URLClassLoader {
    /** The one package the host shares with plugins (its classes, nested ones included; no subpackages). */
    static final String SHARED_PACKAGE = "dev.chathooks.api";

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final Path pluginPath;
    private final ClassLoader hostLoader;

    /**
     * @param pluginPath the plugin as the user named it, for messages
     * @param jars the plugin's JARs
     * @param hostLoader the loader that holds the hook API
     */
    PluginClassLoader(Path pluginPath, URL[] jars, ClassLoader hostLoader) {
        // The platform loader as parent: JDK classes resolve as usual, the host's class path does not.
        super("plugin " + pluginPath, jars, ClassLoader.getPlatformClassLoader());
        this.pluginPath = pluginPath;
        this.hostLoader = hostLoader;
    }

    /** The plugin path this loader serves. */
    Path pluginPath() {
        return pluginPath;
    }

    /** Whether {@code className} belongs to the package shared with the host. */
    static boolean isShared(String className) {
        return className.startsWith(SHARED_PACKAGE + ".") && className.indexOf('.', SHARED_PACKAGE.length() + 1) < 0;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return hostLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public String toString() {
        return "PluginClassLoader{" + pluginPath + "}";
    }
}

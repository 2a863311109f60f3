/**
 * Hook loading: finds hooks with {@link java.util.ServiceLoader} on the host's class path and in plugin paths
 * ({@code --plugins}), each plugin in its own class loader that shares only {@code dev.chathooks.api} with the
 * host; explains broken plugins to their authors; gives each hook its {@code hook.<name>.*} configuration.
 *
 * <p>Entry points: {@link dev.chathooks.processor.plugins.PluginLoader}, {@link dev.chathooks.processor.plugins.LoadedHook},
 * {@link dev.chathooks.processor.plugins.HookConfigs}.
 */
package dev.chathooks.processor.plugins;

/**
 * Hook loading: finds hooks with {@link java.util.ServiceLoader} on the host's class path and in plugin paths
 * ({@code --plugins}), each plugin in its own class loader that shares only {@code dev.chathooks.api} with the
 * host; explains broken plugins to their authors; gives each hook its {@code hook.<name>.*} configuration.
 *
 * <p>Entry points: {@link dev.chathooks.plugins.PluginLoader}, {@link dev.chathooks.plugins.LoadedHook},
 * {@link dev.chathooks.plugins.HookConfigs}.
 */
package dev.chathooks.plugins;

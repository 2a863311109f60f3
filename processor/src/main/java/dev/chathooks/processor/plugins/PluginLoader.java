package dev.chathooks.processor.plugins;

import dev.chathooks.api.AsyncChatHook;
import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Hook;
import dev.chathooks.api.HookKind;
import dev.chathooks.processor.config.HookName;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the hooks: those on the host's class path, and those of each plugin path, every plugin in its own class
 * loader that shares only {@code dev.chathooks.api} (and the JDK) with the host.
 *
 * <p>A plugin path is a JAR, or a folder whose JARs (directly inside it) together form one plugin: the hook's JAR
 * and the libraries it needs, in any version. Hooks are found with {@link ServiceLoader} through
 * {@code META-INF/services/dev.chathooks.api.ChatHook} and {@code META-INF/services/dev.chathooks.api.AsyncChatHook}.
 * Every hook of every source is loaded: several hooks for one kind are all called.
 *
 * <p>Loading either yields every hook or fails with a {@link PluginLoadException} that lists every problem found:
 * classes that are missing, abstract, not hooks or cannot be constructed, paths without JARs, plugins that
 * register no hook, invalid and duplicate hook names.
 *
 * <pre>{@code
 * try (PluginLoader loader = new PluginLoader(getClass().getClassLoader())) {
 *     List<LoadedHook> hooks = loader.load(List.of(Path.of("plugins/push")));
 *     ... start, call and close the hooks ...
 * }
 * }</pre>
 *
 * <p>Close the loader after every hook's {@code close()} has returned: it closes the plugins' JAR files. A loader
 * loads once, from one thread.
 */
public final class PluginLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    private static final List<Class<? extends Hook>> SERVICES = List.of(ChatHook.class, AsyncChatHook.class);

    private final ClassLoader hostLoader;
    private final List<PluginClassLoader> pluginLoaders = new ArrayList<>();
    private boolean used;

    /**
     * @param hostLoader the class loader of the host: its class path is searched for hooks, and it provides
     *                   {@code dev.chathooks.api} to every plugin
     */
    public PluginLoader(ClassLoader hostLoader) {
        this.hostLoader = Objects.requireNonNull(hostLoader, "hostLoader is null");
    }

    /**
     * Creates every hook on the host's class path and in {@code pluginPaths}, in that order (a source's hooks in
     * ServiceLoader order). Constructors run with the hook's class loader as the context class loader; nothing
     * else of the hook is called.
     *
     * @param pluginPaths JARs, or folders of JARs that each form one plugin
     * @return the hooks found, with unique valid names; empty when there are none
     * @throws PluginLoadException listing every problem found, if there is any; the plugins' class loaders are
     *                             closed then
     * @throws IllegalStateException if this loader has loaded before
     */
    public List<LoadedHook> load(List<Path> pluginPaths) {
        if (used) {
            throw new IllegalStateException("a PluginLoader loads once; create another one");
        }
        used = true;
        List<String> problems = new ArrayList<>();
        List<HookSource> sources = new ArrayList<>();
        sources.add(HookSource.classPath(hostLoader));
        Set<Path> seen = new HashSet<>();
        for (Path given : pluginPaths) {
            Path path = given.toAbsolutePath().normalize();
            if (!seen.add(canonical(path))) {
                problems.add("plugin path " + path + " is given more than once: give it once");
                continue;
            }
            openPlugin(path, problems).ifPresent(sources::add);
        }

        List<LoadedHook> hooks = new ArrayList<>();
        for (HookSource source : sources) {
            hooks.addAll(discover(source, problems));
        }
        checkNamesUnique(hooks, problems);
        if (!problems.isEmpty()) {
            close();
            throw new PluginLoadException(problems);
        }
        for (LoadedHook hook : hooks) {
            LOG.info(
                    "Loaded hook '{}' ({}, {}) from {}; callbacks: {}",
                    hook.name(),
                    hook.hook().getClass().getName(),
                    hook.async() ? "AsyncChatHook" : "ChatHook",
                    hook.origin(),
                    hook.kinds().stream().map(HookKind::seedName).toList());
            if (hook.kinds().isEmpty()) {
                LOG.warn("Hook '{}' overrides no callback, so it will never be called", hook.name());
            }
        }
        return List.copyOf(hooks);
    }

    /** Closes the plugins' class loaders (and their JAR files); call it after the hooks are closed. */
    @Override
    public void close() {
        for (PluginClassLoader loader : pluginLoaders) {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.warn(
                        "Could not close the class loader of plugin {}: {}",
                        loader.pluginPath(),
                        ProviderDiagnosis.summary(e));
            }
        }
        pluginLoaders.clear();
    }

    private Optional<HookSource> openPlugin(Path path, List<String> problems) {
        PluginPaths.Jars jars = PluginPaths.resolve(path);
        if (jars.problem() != null) {
            problems.add(jars.problem());
            return Optional.empty();
        }
        URL[] urls = new URL[jars.jars().size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.jars().get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                problems.add("plugin JAR " + jars.jars().get(i) + " has a path that is not a URL: rename it");
                return Optional.empty();
            }
        }
        PluginClassLoader loader = new PluginClassLoader(path, urls, hostLoader);
        pluginLoaders.add(loader);
        return Optional.of(HookSource.plugin(loader));
    }

    /** Every hook {@code source} registers; what goes wrong is added to {@code problems}. */
    @SuppressWarnings("try") // the swap is held for its effect on the thread, not referenced
    private List<LoadedHook> discover(HookSource source, List<String> problems) {
        List<LoadedHook> hooks = new ArrayList<>();
        List<String> serviceFiles = new ArrayList<>();
        int listed = 0;
        try (ContextClassLoaderSwap ignored = ContextClassLoaderSwap.to(source.loader())) {
            for (Class<? extends Hook> service : SERVICES) {
                ServiceFiles.Listing listing;
                try {
                    listing = ServiceFiles.read(source.loader(), service);
                } catch (IOException e) {
                    problems.add(source.describe() + ": " + ServiceFiles.fileName(service) + " cannot be read: "
                            + ProviderDiagnosis.summary(e));
                    continue;
                }
                serviceFiles.addAll(listing.files());
                listed += listing.classToFile().size() + listing.problems().size();
                problems.addAll(listing.problems().stream()
                        .map(p -> source.describe() + ": " + p)
                        .toList());
                discover(source, service, listing, hooks, problems);
            }
        }
        if (source.path().isPresent() && listed == 0) {
            problems.add(source.describe()
                    + (serviceFiles.isEmpty()
                            ? " registers no hook"
                            : " lists no hook class in " + String.join(" and ", serviceFiles))
                    + ": name the hook class in "
                    + ServiceFiles.fileName(ChatHook.class) + " (for a ChatHook) or "
                    + ServiceFiles.fileName(AsyncChatHook.class) + " (for an AsyncChatHook) inside its JAR,"
                    + " one fully qualified class name per line");
        }
        return hooks;
    }

    /**
     * Lets ServiceLoader find and create the providers of {@code service}; explains each listed class it refused.
     * Iterates with {@link ServiceLoader#stream()}, which reports a broken provider and carries on with the next.
     */
    private void discover(
            HookSource source,
            Class<? extends Hook> service,
            ServiceFiles.Listing listing,
            List<LoadedHook> hooks,
            List<String> problems) {
        Set<String> returned = new HashSet<>();
        List<Throwable> refusals = new ArrayList<>();
        Iterator<? extends ServiceLoader.Provider<? extends Hook>> providers =
                ServiceLoader.load(service, source.loader()).stream().iterator();
        // Each listed class and each faulty file yields at most one refusal; more means the iterator is stuck on
        // one fault (JDK-8196182), so stop rather than loop.
        int maxRefusals = listing.classToFile().size() + listing.files().size() + 1;
        while (refusals.size() <= maxRefusals) {
            ServiceLoader.Provider<? extends Hook> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                refusals.add(e);
                continue;
            }
            returned.add(provider.type().getName());
            instantiate(source, provider, problems).ifPresent(hooks::add);
        }

        boolean explained = !listing.problems().isEmpty();
        for (Map.Entry<String, String> entry : listing.classToFile().entrySet()) {
            if (!returned.contains(entry.getKey())) {
                Optional<String> problem =
                        ProviderDiagnosis.diagnose(source, service, entry.getKey(), entry.getValue());
                problem.ifPresent(problems::add);
                explained |= problem.isPresent();
            }
        }
        if (!explained) {
            // Not expected: ServiceLoader refused something that reflection finds nothing wrong with.
            refusals.forEach(e -> problems.add(source.describe() + ": ServiceLoader could not load a "
                    + service.getSimpleName() + ": " + ProviderDiagnosis.summary(e)));
        }
    }

    /** Creates the hook, reads its name and callbacks; empty (and a problem added) if any of that fails. */
    private Optional<LoadedHook> instantiate(
            HookSource source, ServiceLoader.Provider<? extends Hook> provider, List<String> problems) {
        Class<? extends Hook> type = provider.type();
        Hook hook;
        try {
            hook = provider.get();
        } catch (ServiceConfigurationError | LinkageError e) {
            problems.add(ProviderDiagnosis.instantiationFailed(source, type, e));
            return Optional.empty();
        }
        String name;
        Set<HookKind> kinds;
        try {
            name = hook.name();
            kinds = HookCallbacks.overriddenKinds(type);
        } catch (LinkageError e) {
            problems.add(ProviderDiagnosis.linkageProblem(source, type.getName(), e));
            return Optional.empty();
        } catch (RuntimeException e) {
            problems.add(source.describe() + ": name() of " + type.getName() + " threw " + ProviderDiagnosis.summary(e)
                    + ": return a constant name");
            return Optional.empty();
        }
        if (!HookName.isValid(name)) {
            problems.add(source.describe() + ": class " + type.getName() + " names its hook "
                    + (name == null ? "null" : "'" + name + "'") + ", but a hook name must match "
                    + HookName.PATTERN.pattern() + " (" + HookName.RULE + "): override name()"
                    + " to return one, such as '" + suggestName(name, type) + "'");
            return Optional.empty();
        }
        return Optional.of(new LoadedHook(hook, name, source, kinds));
    }

    private static void checkNamesUnique(List<LoadedHook> hooks, List<String> problems) {
        Map<String, LoadedHook> byName = new LinkedHashMap<>();
        for (LoadedHook hook : hooks) {
            LoadedHook first = byName.putIfAbsent(hook.name(), hook);
            if (first != null) {
                problems.add("hook name '" + hook.name() + "' is used twice: by "
                        + first.hook().getClass().getName()
                        + " from " + first.origin() + " and by "
                        + hook.hook().getClass().getName() + " from "
                        + hook.origin() + ": remove one, or override name() in one to return another name (a hook's"
                        + " name keys its configuration, consumer group and metrics)");
            }
        }
    }

    /** A valid name close to the invalid one, or derived from the class name when nothing of it is usable. */
    private static String suggestName(String name, Class<?> type) {
        String base = name == null || name.isBlank()
                ? type.getSimpleName().replaceAll("Hook$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                : name;
        String suggestion =
                base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return suggestion.isEmpty() ? "my-hook" : suggestion;
    }

    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}

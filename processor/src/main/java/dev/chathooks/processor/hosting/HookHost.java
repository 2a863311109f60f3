package dev.chathooks.processor.hosting;

import dev.chathooks.api.HookConfig;
import dev.chathooks.api.HookConfigException;
import dev.chathooks.api.HookContext;
import dev.chathooks.api.HookMetrics;
import dev.chathooks.api.LookupTable;
import dev.chathooks.api.TopicWriter;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.plugins.HookConfigs;
import dev.chathooks.processor.plugins.HookInstances;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.tables.JsonLookupTable;
import dev.chathooks.processor.tables.TableReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the lifecycle of the hooks for a replay or a live run: the hooks loaded and the instances the configuration
 * declares ({@link HookInstances}), each started with its context (its {@code hook.<name>.*} configuration, lookup
 * tables, topic writers), and closed in reverse order. A hook that leaves a key of its configuration unread in
 * {@code start} is refused, as a misspelt key.
 *
 * <p>Lookup tables are asked for during {@code start}, before the topology exists; they are bound to the
 * topology's global stores by {@link #bindTables} once they are loaded, before any callback is made.
 */
public final class HookHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HookHost.class);

    private final List<LoadedHook> hooks;
    private final Map<String, String> config;
    private final Function<String, TopicWriter> writers;
    private final Function<String, HookMetrics> metrics;
    private final Set<String> lookupTopics = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<String, BoundTable> tables = new ConcurrentHashMap<>();
    private final List<LoadedHook> started = new ArrayList<>();

    /**
     * Checks the hooks against the configuration; starts nothing. Make it before anything else starts, so that a
     * wrong hook key stops the processor at once.
     *
     * @param loaded the hooks loaded
     * @param config the configuration: its instances, and each hook's {@code hook.<name>.*} keys
     * @param writers makes the writer of a topic, for {@link HookContext#topicWriter}; called from {@link #start}
     *                on, never before
     * @throws dev.chathooks.processor.config.ConfigException if an instance or a hook key names a hook that does not run
     */
    public HookHost(List<LoadedHook> loaded, ChatHooksConfig config, Function<String, TopicWriter> writers) {
        this(loaded, config, writers, hook -> HookMetrics.none());
    }

    /**
     * As above, publishing what hooks count and time.
     *
     * @param metrics gives the {@link HookContext#metrics()} of a hook, by its name
     */
    public HookHost(
            List<LoadedHook> loaded,
            ChatHooksConfig config,
            Function<String, TopicWriter> writers,
            Function<String, HookMetrics> metrics) {
        this.hooks = HookInstances.resolve(loaded, config);
        this.config = config.asMap();
        this.writers = writers;
        this.metrics = metrics;
    }

    /**
     * Starts every hook, in order.
     *
     * @throws HookStartException naming the hook that refused, or that left a key of its configuration unread,
     *                            after closing those already started
     */
    @SuppressWarnings("try") // the swap is used for its effect on the thread
    public void start() {
        for (LoadedHook hook : hooks) {
            Context context = new Context(hook.name(), HookConfigs.forHook(hook.name(), config));
            try (var swap = hook.swapContextClassLoader()) {
                hook.hook().start(context);
            } catch (HookConfigException e) {
                close();
                throw new HookStartException(
                        "Hook '" + hook.name() + "' (" + hook.origin() + ") is misconfigured: " + e.getMessage(), e);
            } catch (Exception | LinkageError e) {
                close();
                throw new HookStartException(
                        "Hook '" + hook.name() + "' (" + hook.origin() + ") failed to start: " + e, e);
            } finally {
                context.startReturned = true;
            }
            started.add(hook);
            requireEveryKeyRead(hook, context.hookConfig);
            LOG.debug("Started hook '{}' from {} for {}", hook.name(), hook.origin(), hook.kinds());
        }
    }

    private void requireEveryKeyRead(LoadedHook hook, HookConfig hookConfig) {
        Set<String> read = hookConfig.keysRead();
        // asMap() counts as reading every key: asked only after keysRead().
        Set<String> unread = new TreeSet<>(hookConfig.asMap().keySet());
        unread.removeAll(read);
        if (unread.isEmpty()) {
            return;
        }
        close();
        List<String> readKeys = read.stream().map(hookConfig::fullKey).toList();
        throw new HookStartException(
                "Hook '" + hook.name() + "' (" + hook.origin() + ") did not read "
                        + String.join(
                                ", ", unread.stream().map(hookConfig::fullKey).toList()) + " when it started; "
                        + (readKeys.isEmpty()
                                ? "it reads no configuration key"
                                : "the keys it reads are " + String.join(", ", readKeys))
                        + ". Correct the key's name or remove it.",
                null);
    }

    /** The hooks and instances, in the order they were loaded and declared. */
    public List<LoadedHook> hooks() {
        return hooks;
    }

    /** The topics hooks asked to read as lookup tables. */
    public Set<String> lookupTopics() {
        synchronized (lookupTopics) {
            return Set.copyOf(lookupTopics);
        }
    }

    /** Binds every lookup table asked for to its reader. Call before the first callback. */
    public void bindTables(Function<String, TableReader> readers) {
        tables.forEach((topic, table) -> table.reader = readers.apply(topic));
    }

    /** Closes the started hooks in reverse order; a hook that fails to close is logged, and the others still close. */
    @Override
    @SuppressWarnings("try")
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            LoadedHook hook = started.get(i);
            try (var swap = hook.swapContextClassLoader()) {
                hook.hook().close();
            } catch (Exception | LinkageError e) {
                LOG.warn("Hook '{}' failed to close: {}", hook.name(), e.toString());
            }
        }
        started.clear();
    }

    private final class Context implements HookContext {
        private final String name;
        private final HookConfig hookConfig;
        private volatile boolean startReturned;

        Context(String name, HookConfig hookConfig) {
            this.name = name;
            this.hookConfig = hookConfig;
        }

        @Override
        public String hookName() {
            return name;
        }

        @Override
        public HookConfig config() {
            return hookConfig;
        }

        @Override
        public LookupTable lookupTable(String topic) {
            if (startReturned) {
                throw new IllegalStateException("Hook '" + name + "' asked for lookup table " + topic
                        + " after start returned; ask for it in start()");
            }
            lookupTopics.add(topic);
            return tables.computeIfAbsent(topic, BoundTable::new).view;
        }

        @Override
        public TopicWriter topicWriter(String topic) {
            return writers.apply(topic);
        }

        @Override
        public HookMetrics metrics() {
            return metrics.apply(name);
        }
    }

    /** A lookup table handed out before its store exists. */
    private static final class BoundTable {
        private volatile TableReader reader = TableReader.empty();
        private final LookupTable view;

        BoundTable(String topic) {
            this.view = new JsonLookupTable(topic, key -> reader.get(key));
        }
    }
}

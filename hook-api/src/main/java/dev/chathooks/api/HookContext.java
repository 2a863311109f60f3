package dev.chathooks.api;

/**
 * What the processor offers a hook in {@link Hook#start(HookContext)}: its configuration, lookup tables over
 * compacted topics, writers to topics, and metrics. Hook authors testing without a broker implement it themselves.
 *
 * <p>A hook reads its configuration in {@code start}, all of it: when {@code start} returns, the processor compares
 * the keys set under {@code hook.<name>.} with those the hook asked for ({@link HookConfig#keysRead()}) and refuses
 * to run if one was set but not read, naming the keys the hook read. A key read only later, in a callback, would
 * be refused too. A hook that checks its keys itself reads them all through {@link HookConfig#asMap()}.
 */
public interface HookContext {
    /**
     * The hook's name, as {@link Hook#name()} gave it; for another instance of a hook, declared with
     * {@code instances.<name>=<hook>}, the instance's name.
     */
    String hookName();

    /**
     * The hook's configuration: the {@code hook.<name>.*} keys, {@code <name>} being {@link #hookName()}, with that
     * prefix removed. Read it in {@code start}.
     */
    HookConfig config();

    /**
     * A lookup table over a compacted topic keyed by string ids, whose values are JSON objects (a tombstone
     * removes the key): for example {@code chat.devices}, keyed by user id.
     *
     * <p>Call it from {@link Hook#start(HookContext)} only: the processor reads the whole topic before the first
     * callback and follows it while it runs. A table answers with the latest value it has read, so a callback
     * sees every change written before the event it handles, and maybe a few after.
     *
     * @param topic the topic's name
     * @throws IllegalStateException if called after {@code start} returned
     */
    LookupTable lookupTable(String topic);

    /**
     * A writer to a topic, for hooks that report back (the push hook reports rejected device tokens). May be
     * called at any time; the writer is thread-safe.
     *
     * @param topic the topic's name; the processor creates it if the cluster allows
     */
    TopicWriter topicWriter(String topic);

    /**
     * Where the hook counts and times things of its own, published with the processor's metrics under a
     * {@code hook} label naming this hook. May be called at any time; see {@link HookMetrics} for the rules on
     * names and tags. A context that publishes no metrics returns {@link HookMetrics#none()}, the default.
     */
    default HookMetrics metrics() {
        return HookMetrics.none();
    }
}

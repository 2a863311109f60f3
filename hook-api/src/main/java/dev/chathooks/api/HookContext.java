package dev.chathooks.api;

/**
 * What the processor offers a hook in {@link Hook#start(HookContext)}: its configuration, lookup tables over
 * compacted topics, writers to topics, and metrics. Hook authors testing without a broker implement it themselves.
 */
public interface HookContext {
    /** The hook's name, as {@link Hook#name()} gave it. */
    String hookName();

    /** The hook's configuration: the {@code hook.<name>.*} keys with that prefix removed. */
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

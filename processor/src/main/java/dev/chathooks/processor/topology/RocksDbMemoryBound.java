package dev.chathooks.processor.topology;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of the process ({@code state.rocksdb.max-memory-bytes}): one block cache
 * shared by all stores holds their data, index and filter blocks, and the memtables are charged to it. Left to
 * Kafka Streams' defaults, each store has a cache of its own (50 MB) and up to three 16 MB memtables, outside the
 * Java heap: an instance has three stores a task and a store a lookup table, so its memory could grow with the hours
 * and with its partitions, past what a container of a given size can hold.
 *
 * <p>Kafka Streams makes one of these for each store it opens and passes it its configuration, where
 * {@link StreamsProperties} put the bound ({@link #MAX_MEMORY_CONFIG}). The cache is made once for each bound and
 * kept for the life of the process: stores of several applications in one process share it, and so does a store
 * opened again after a rebalance.
 */
public final class RocksDbMemoryBound implements RocksDBConfigSetter {
    /** The Kafka Streams property that carries the bound, in bytes, to each store's setter. */
    public static final String MAX_MEMORY_CONFIG = "chathooks.rocksdb.max-memory-bytes";
    /**
     * The share of the bound that memtables may take; the rest holds blocks. Kafka's own example of a bounded
     * configuration gives them half.
     */
    private static final double MEMTABLE_SHARE = 0.5;
    /** Index and filter blocks are kept with high priority in this share of the cache, so data blocks yield first. */
    private static final double HIGH_PRIORITY_SHARE = 0.1;

    private static final Map<Long, Shared> SHARED = new HashMap<>();

    /** The cache and memtable budget of one bound. */
    private record Shared(Cache cache, WriteBufferManager writeBuffers) {}

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bound = bound(configs);
        Shared shared = shared(bound);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        // Without these, index and filter blocks live outside the cache, unbounded, as long as their files are open.
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared with every other store, and outlive this one.
    }

    /** The bound of the process's stores for {@code bound} bytes, made on first use. */
    private static synchronized Shared shared(long bound) {
        return SHARED.computeIfAbsent(bound, bytes -> {
            Cache cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_SHARE);
            return new Shared(cache, new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache));
        });
    }

    private static long bound(Map<String, Object> configs) {
        Object value = configs.get(MAX_MEMORY_CONFIG);
        if (value == null) {
            throw new IllegalStateException(
                    MAX_MEMORY_CONFIG + " is not set; StreamsProperties sets it with this class");
        }
        return Long.parseLong(value.toString());
    }
}

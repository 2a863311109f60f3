package dev.chathooks.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.config.ConfigException;
import java.util.Map;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbMemoryBoundTest {
    @BeforeAll
    static void loadRocksDb() {
        RocksDB.loadLibrary();
    }

    /** Options as Kafka Streams hands them to a config setter: its own table configuration, with its own cache. */
    private static Options storeOptions() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());
        return options;
    }

    private static void configure(Options options, String store, long bound) {
        new RocksDbMemoryBound()
                .setConfig(store, options, Map.of(RocksDbMemoryBound.MAX_MEMORY_CONFIG, Long.toString(bound)));
    }

    @Test
    void storesShareOneCacheThatHoldsTheirIndexAndFilterBlocksAndOneMemtableBudget() {
        try (Options first = storeOptions();
                Options second = storeOptions();
                Options otherBound = storeOptions()) {
            configure(first, "conversation-state", 64L << 20);
            configure(second, "lookup-chat.users", 64L << 20);
            configure(otherBound, "typing-batches", 32L << 20);

            var firstTable = (BlockBasedTableConfigWithAccessibleCache) first.tableFormatConfig();
            var secondTable = (BlockBasedTableConfigWithAccessibleCache) second.tableFormatConfig();
            var otherTable = (BlockBasedTableConfigWithAccessibleCache) otherBound.tableFormatConfig();
            assertThat(firstTable.blockCache()).isNotNull().isSameAs(secondTable.blockCache());
            assertThat(otherTable.blockCache()).isNotSameAs(firstTable.blockCache());
            assertThat(first.writeBufferManager()).isNotNull().isSameAs(second.writeBufferManager());
            assertThat(otherBound.writeBufferManager()).isNotSameAs(first.writeBufferManager());
            for (BlockBasedTableConfig table : new BlockBasedTableConfig[] {firstTable, secondTable}) {
                assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
                assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
                assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            }
        }
    }

    @Test
    void aBoundThatIsNotAWholeNumberOfBytesOrIsNegativeIsRefusedByName() {
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("state.rocksdb.max-memory-bytes", "128MB")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("state.rocksdb.max-memory-bytes is '128MB'; it must be a whole number");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("state.rocksdb.max-memory-bytes", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("state.rocksdb.max-memory-bytes is -1; it must be at least 0");
    }
}

package dev.chathooks.processor.tables;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A {@link TableReader} over a Kafka Streams key-value store. The store is looked up lazily and again after it
 * became invalid (a Streams restart or rebalance hands out a new one).
 */
public final class StoreTableReader implements TableReader {
    private final Supplier<ReadOnlyKeyValueStore<String, byte[]>> storeSupplier;
    private volatile ReadOnlyKeyValueStore<String, byte[]> store;

    /** @param storeSupplier finds the store; may throw {@link InvalidStateStoreException} while it is not ready */
    public StoreTableReader(Supplier<ReadOnlyKeyValueStore<String, byte[]>> storeSupplier) {
        this.storeSupplier = storeSupplier;
    }

    @Override
    public Optional<byte[]> get(String key) {
        ReadOnlyKeyValueStore<String, byte[]> current = store;
        if (current == null) {
            current = storeSupplier.get();
            store = current;
        }
        try {
            return Optional.ofNullable(current.get(key));
        } catch (InvalidStateStoreException e) {
            store = null;
            return Optional.ofNullable(storeSupplier.get().get(key));
        }
    }
}

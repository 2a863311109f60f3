package dev.chathooks.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.config.ChatHooksConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {
    private static Properties of(Map<String, String> keys) {
        return StreamsProperties.of(ChatHooksConfig.of(keys));
    }

    @Test
    void kafkaStreamsProducerLingersOneMillisecondAndBatchesUpTo256Kilobytes() {
        Properties properties = of(Map.of("bootstrap.servers", "kafka:9092"));

        assertThat(properties.get("producer.linger.ms")).isEqualTo("1");
        assertThat(properties.get("producer.batch.size")).isEqualTo("262144");
    }

    @Test
    void aUsersBatchSizeWinsWhetherSetForTheProducerOrForEveryClient() {
        Properties forTheProducer = of(Map.of("bootstrap.servers", "kafka:9092", "producer.batch.size", "16384"));
        Properties forEveryClient = of(Map.of("bootstrap.servers", "kafka:9092", "batch.size", "32768"));

        assertThat(forTheProducer.get("producer.batch.size")).isEqualTo("16384");
        assertThat(forEveryClient).doesNotContainKey("producer.batch.size");
        assertThat(forEveryClient.get("batch.size")).isEqualTo("32768");
    }

    @Test
    void everyRocksDbStoreIsBoundedTogetherByDefault() {
        Properties properties = of(Map.of("bootstrap.servers", "kafka:9092"));

        assertThat(properties.get("rocksdb.config.setter")).isEqualTo(RocksDbMemoryBound.class.getName());
        assertThat(properties.get(RocksDbMemoryBound.MAX_MEMORY_CONFIG)).isEqualTo("134217728");
    }

    @Test
    void noBoundLeavesKafkaStreamsDefaultsAndAUsersConfigSetterWins() {
        Properties unbounded = of(Map.of("bootstrap.servers", "kafka:9092", "state.rocksdb.max-memory-bytes", "0"));
        Properties users = of(Map.of("bootstrap.servers", "kafka:9092", "rocksdb.config.setter", "com.example.Mine"));

        assertThat(unbounded).doesNotContainKeys("rocksdb.config.setter", RocksDbMemoryBound.MAX_MEMORY_CONFIG);
        assertThat(users.get("rocksdb.config.setter")).isEqualTo("com.example.Mine");
        assertThat(users).doesNotContainKey(RocksDbMemoryBound.MAX_MEMORY_CONFIG);
    }
}

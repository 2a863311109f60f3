package dev.chathooks.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.dispatch.consumer.KeyOrderedConsumer;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A hook consumer that stops on its own is replaced, and the new one goes on from the last commit. */
@KafkaIntegrationTest
class SupervisedConsumerTest {
    @Test
    void aConsumerThatStopsOnItsOwnIsReplacedAndNoRecordIsLeftBehind() {
        String servers = SharedKafka.bootstrapServers();
        String topic = TestTopics.createUnique(servers, "supervised", 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(TestRecords.record(topic, "k-" + (i % 10), "v-" + i));
        }
        TestRecords.produce(servers, records);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicBoolean failed = new AtomicBoolean();
        String group = TestTopics.uniqueName("supervised-group");
        SupervisedConsumer consumer = new SupervisedConsumer(
                "test",
                () -> KeyOrderedConsumer.builder()
                        .bootstrapServers(servers)
                        .groupId(group)
                        .topic(topic)
                        .property(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                        .commitInterval(Duration.ofMillis(100))
                        .closeTimeout(Duration.ofSeconds(1)) // the record that failed never finishes: do not wait long
                        .handler(record -> {
                            String value = TestRecords.text(record.value());
                            if (value.equals("v-50") && failed.compareAndSet(false, true)) {
                                // An Error escapes the consumer's handling and stops its poll thread, as a fatal fault
                                // does.
                                throw new AssertionError("simulated fatal fault");
                            }
                            handled.add(value);
                            return CompletableFuture.completedFuture(null);
                        })
                        .build());
        try {
            consumer.start();
            Await.until("every record was handled", () -> handled.size() == 100);
            assertThat(consumer.restarts()).isEqualTo(1);
        } finally {
            consumer.close();
        }
    }
}

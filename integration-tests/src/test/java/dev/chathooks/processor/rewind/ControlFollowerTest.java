package dev.chathooks.processor.rewind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How an instance follows rewind requests on the control topic (a real one) when partitions move: it rewinds what
 * it owns, and later what it is assigned while the request lasts, unless another instance answered for it.
 */
@KafkaIntegrationTest
class ControlFollowerTest {
    private final String servers = SharedKafka.bootstrapServers();
    private String topic;
    private KafkaProducer<byte[], byte[]> producer;
    private ControlFollower follower;
    private final MovingConsumer hook = new MovingConsumer();

    /** A hook's consumer whose partitions the test moves, recording the rewinds asked of it by partition number. */
    private static final class MovingConsumer implements RepositionableConsumer {
        volatile Set<Integer> assigned = Set.of();
        final List<Map<Integer, Long>> rewinds = new CopyOnWriteArrayList<>();

        @Override
        public String topic() {
            return "invocations";
        }

        @Override
        public Set<TopicPartition> assigned() {
            Set<TopicPartition> partitions = new HashSet<>();
            assigned.forEach(partition -> partitions.add(new TopicPartition(topic(), partition)));
            return partitions;
        }

        @Override
        public CompletionStage<Map<TopicPartition, Long>> reposition(Map<TopicPartition, Long> offsets) {
            Map<Integer, Long> moved = new TreeMap<>();
            offsets.forEach((partition, offset) -> moved.put(partition.partition(), offset));
            moved.keySet().retainAll(assigned);
            rewinds.add(moved);
            Map<TopicPartition, Long> positions = new HashMap<>();
            moved.forEach((partition, offset) -> positions.put(new TopicPartition(topic(), partition), offset));
            return CompletableFuture.completedFuture(positions);
        }
    }

    @BeforeEach
    void follow() {
        topic = TestTopics.createUnique(servers, "control", 1);
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        follower = new ControlFollower(
                groupless(), topic, "this-instance", Map.of("h", new RewindableHook(hook, () -> {})), producer);
        follower.start();
    }

    @AfterEach
    void stop() {
        follower.close();
        producer.close();
    }

    private Properties groupless() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        return properties;
    }

    private void write(ControlMessage message) throws Exception {
        producer.send(new ProducerRecord<>(topic, TestRecords.bytes(message.hook()), ControlCodec.encode(message)))
                .get(10, TimeUnit.SECONDS);
    }

    private List<ControlMessage> answers(int count) {
        List<ControlMessage> answers = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record :
                TestRecords.readAll(servers, topic, count, Duration.ofSeconds(30))) {
            ControlMessage message = ControlCodec.decode(record.value());
            if (!(message instanceof ControlMessage.RewindRequest)) {
                answers.add(message);
            }
        }
        return answers;
    }

    @Test
    void aPartitionAssignedWhileTheRequestLastsIsRewoundWhenItArrives() throws Exception {
        hook.assigned = Set.of(0);
        CompletableFuture<RewindRequester.Answers> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return RewindRequester.request(
                        groupless(), producer, topic, "h", Map.of(0, 5L, 1, 7L), Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the owned partition was rewound", () -> hook.rewinds.size() == 1);
        hook.assigned = Set.of(0, 1);

        RewindRequester.Answers result = outcome.get(60, TimeUnit.SECONDS);
        assertThat(hook.rewinds).containsExactly(Map.of(0, 5L), Map.of(1, 7L));
        assertThat(result.complete()).isTrue();
        assertThat(result.rewound()).isEqualTo(Map.of(0, 5L, 1, 7L));
        assertThat(result.instances()).containsExactly("this-instance");
    }

    @Test
    void aPartitionAnotherInstanceAnsweredForIsNotRewoundAgain() throws Exception {
        long later = System.currentTimeMillis() + 60_000;
        hook.assigned = Set.of(0);
        write(new ControlMessage.RewindRequest("r-1", "h", Map.of(0, 5L, 1, 7L), later));
        write(new ControlMessage.Rewound("r-1", "h", "other-instance", Map.of(1, 7L)));
        // The follower reads in order: once it answered a later request, it has read the other instance's answer.
        write(new ControlMessage.RewindRequest("r-2", "h", Map.of(0, 9L), later));
        Await.until("the later request was answered", () -> answers(5).size() == 3);
        hook.assigned = Set.of(0, 1);
        write(new ControlMessage.RewindRequest("r-3", "h", Map.of(0, 11L), later));
        Await.until(
                "a request made after the assignment was answered",
                () -> answers(7).size() == 4);

        assertThat(hook.rewinds)
                .as("partition 1 of r-1 was answered for by another instance")
                .containsExactly(Map.of(0, 5L), Map.of(0, 9L), Map.of(0, 11L));
    }

    @Test
    void anExpiredRequestOrOneForAnotherHookIsIgnored() throws Exception {
        hook.assigned = Set.of(0);
        write(new ControlMessage.RewindRequest("r-old", "h", Map.of(0, 1L), System.currentTimeMillis() - 1));
        write(new ControlMessage.RewindRequest(
                "r-other", "not-here", Map.of(0, 1L), System.currentTimeMillis() + 60_000));
        write(new ControlMessage.RewindRequest("r-new", "h", Map.of(0, 2L), System.currentTimeMillis() + 60_000));

        Await.until("the live request was answered", () -> answers(4).size() == 1);
        assertThat(hook.rewinds).containsExactly(Map.of(0, 2L));
    }
}

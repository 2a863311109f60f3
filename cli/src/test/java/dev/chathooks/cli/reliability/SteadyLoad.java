package dev.chathooks.cli.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Creates {@code conversations} conversations, then writes a message to each in turn, {@code rate} a second in ticks
 * of a tenth of a second, until closed.
 */
final class SteadyLoad implements AutoCloseable {
    private static final Duration TICK = Duration.ofMillis(100);

    private final int conversations;
    private final int rate;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, String> keys;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this::write, "steady-load");
    private volatile long written;

    SteadyLoad(String servers, Map<String, String> keys, int conversations, int rate) {
        this.keys = keys;
        this.conversations = conversations;
        this.rate = rate;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    void start() {
        List<ProducerRecord<byte[], byte[]>> creations = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            creations.add(record(
                    "conversations",
                    conversation(c),
                    ChatEvents.created(conversation(c), List.of("u-1", "u-2"), List.of("u-1"))));
        }
        creations.forEach(producer::send);
        producer.flush();
        thread.start();
    }

    long written() {
        return written;
    }

    private void write() {
        int perTick = (int) (rate * TICK.toMillis() / 1000);
        long next = System.nanoTime();
        long n = 0;
        while (running.get()) {
            for (int i = 0; i < perTick; i++, n++) {
                String conversation = conversation((int) (n % conversations));
                producer.send(record(
                        "messages",
                        conversation,
                        ChatEvents.sent(conversation, "m-" + n, "u-" + (1 + n % 2), "hello " + n)));
            }
            written = n;
            next += TICK.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private ProducerRecord<byte[], byte[]> record(String topic, String conversation, ObjectNode event) {
        return new ProducerRecord<>(
                keys.get("topics." + topic),
                null,
                System.currentTimeMillis(),
                TestRecords.bytes(conversation),
                ChatEvents.bytes(event));
    }

    private static String conversation(int n) {
        return "c-" + n;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
        producer.close(Duration.ofSeconds(5));
    }
}

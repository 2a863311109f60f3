package dev.chathooks.bench;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.Conversation;
import dev.chathooks.api.EventInfo;
import dev.chathooks.api.User;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The process whose start-up {@code bench} times: a fresh JVM that starts Chat Hooks with an embedded broker in a
 * new data directory, sends one conversation-created event as soon as it runs, and prints, on standard output,
 * {@code ready_ms=N} (JVM start to the runtime started) and {@code startup_ms=N} (JVM start to the hook's first
 * call), measured from {@link java.lang.management.RuntimeMXBean#getStartTime()}. Then it stops.
 */
public final class StartupProbe {
    private StartupProbe() {}

    /** {@code args[0]}: the data directory, which should not exist yet. */
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path dataDir = Path.of(args[0]);
        AtomicLong firstCall = new AtomicLong();
        CountDownLatch called = new CountDownLatch(1);
        ChatHook hook = new ChatHook() {
            @Override
            public String name() {
                return "startup-probe";
            }

            @Override
            public void afterConversationCreated(Conversation conversation, List<User> participants, EventInfo event) {
                firstCall.compareAndSet(0, System.currentTimeMillis());
                called.countDown();
            }
        };
        Map<String, String> keys = Map.of("embedded.port", "0", "application.id", "startup-probe");
        ChatHooksConfig config = ChatHooksConfig.of(keys);
        int exit = 0;
        try (ChatHooksRuntime runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(
                config, List.of(LoadedHook.of(hook)), dataDir, null, message -> {}, null))) {
            long ready = System.currentTimeMillis();
            sendCreation(runtime.bootstrapServers(), config.topics().conversations());
            if (called.await(60, TimeUnit.SECONDS)) {
                System.out.println("ready_ms=" + (ready - jvmStart));
                System.out.println("startup_ms=" + (firstCall.get() - jvmStart));
            } else {
                System.out.println("error=no hook call within 60 s of start-up");
                exit = 1;
            }
            System.out.flush();
        }
        System.exit(exit);
    }

    private static void sendCreation(String bootstrapServers, String topic) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"startup-1\",\"source\":\"/chat-hooks-bench\","
                + "\"type\":\"chat.conversation.created\",\"subject\":\"c-startup\",\"actor\":\"u-1\","
                + "\"data\":{\"conversation\":{\"id\":\"c-startup\",\"title\":\"Start-up\"},"
                + "\"participant_ids\":[\"u-1\",\"u-2\"],\"admin_ids\":[\"u-1\"]}}";
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                    topic, "c-startup".getBytes(StandardCharsets.UTF_8), event.getBytes(StandardCharsets.UTF_8)));
        }
    }
}

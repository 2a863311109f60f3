package dev.chathooks.processor.kafka;

import dev.chathooks.processor.config.ChatHooksConfig;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The properties of the plain Kafka clients Chat Hooks makes besides Kafka Streams (the runtime's and the CLI's):
 * the user's Kafka properties that each client knows (security settings, timeouts...), so that every client
 * reaches a secured cluster the same way, and none of them warns about the others' properties.
 */
public final class ClientProperties {
    private ClientProperties() {}

    /** An admin client's properties. */
    public static Properties admin(ChatHooksConfig config, String bootstrapServers) {
        Properties properties = known(config, AdminClientConfig.configNames());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    /** A producer that keeps trying: dead letters and hook output are not given up on while the process lives. */
    public static Properties producer(ChatHooksConfig config, String bootstrapServers, String clientId) {
        Properties properties = known(config, ProducerConfig.configNames());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return properties;
    }

    /** A consumer that commits offsets itself and reads bytes. */
    public static Properties consumer(
            ChatHooksConfig config, String bootstrapServers, String groupId, String clientId) {
        Properties properties = known(config, ConsumerConfig.configNames());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        GroupSessions.tuneHookConsumer(properties, config.hookGroupProtocol());
        // A new hook starts at the beginning of the invocations it finds; rewind with 'chat-hooks hooks rewind'.
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // With processing.guarantee=exactly_once_v2 the topology writes invocations in transactions: hooks must not
        // see those of an aborted one (a crash's duplicates). Without transactions this changes nothing.
        properties.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    /** A consumer outside any group, which assigns itself partitions (the control topic's follower, the CLI). */
    public static Properties groupless(ChatHooksConfig config, String bootstrapServers, String clientId) {
        Properties properties = known(config, ConsumerConfig.configNames());
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    private static Properties known(ChatHooksConfig config, Set<String> names) {
        Properties properties = new Properties();
        config.kafkaProperties().forEach((key, value) -> {
            if (names.contains(key)) {
                properties.put(key, value);
            }
        });
        return properties;
    }
}

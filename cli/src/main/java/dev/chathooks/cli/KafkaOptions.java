package dev.chathooks.cli;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.kafka.ClientProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers} for the commands that talk to a cluster, and their clients. Each client is made only
 * once a broker answers at the address ({@link BrokerProbe}): a Kafka client would otherwise retry for a minute,
 * logging a warning a second, before it failed.
 */
public final class KafkaOptions {
    /** Where {@code load} and {@code dump} look when nothing is configured: {@code run}'s embedded broker. */
    static final String LOCAL_BROKER = "localhost:9092";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description =
                    "The Kafka cluster (over bootstrap.servers from the config and" + " CHAT_HOOKS_BOOTSTRAP_SERVERS).")
    public String bootstrapServers;

    /** The configuration with {@code --bootstrap-servers} applied. */
    ChatHooksConfig apply(ChatHooksConfig config) {
        return bootstrapServers == null ? config : config.with("bootstrap.servers", bootstrapServers);
    }

    /** The cluster to use: the flag, the configuration, or the local embedded broker's default address. */
    String bootstrapOrLocal(ChatHooksConfig config) {
        return apply(config).bootstrapServers().orElse(LOCAL_BROKER);
    }

    /** An admin client for the cluster, with the user's Kafka properties (security and the like). */
    Admin admin(ChatHooksConfig config) {
        return Admin.create(ClientProperties.admin(config, reachable(config)));
    }

    /** A consumer outside any group, to read topics through. */
    KafkaConsumer<byte[], byte[]> reader(ChatHooksConfig config) {
        return new KafkaConsumer<>(ClientProperties.groupless(config, reachable(config), "chat-hooks-cli"));
    }

    /** An idempotent producer that waits for every replica. */
    KafkaProducer<byte[], byte[]> producer(ChatHooksConfig config, String clientId) {
        return new KafkaProducer<>(ClientProperties.producer(config, reachable(config), clientId));
    }

    /**
     * The cluster's address, once something answers there.
     *
     * @throws CliException naming the address and the flag that sets it, if nothing does within seconds
     */
    private String reachable(ChatHooksConfig config) {
        String bootstrap = bootstrapOrLocal(config);
        BrokerProbe.requireListening(bootstrap).ifPresent(failure -> {
            throw new CliException("no Kafka broker answers at " + bootstrap + " (" + failure + "). "
                    + (bootstrapServers == null
                                    && apply(config).bootstrapServers().isEmpty()
                            ? "That is where `chat-hooks run` starts its embedded broker: start it, or give your cluster"
                                    + " with --bootstrap-servers HOST:PORT."
                            : "Check that the cluster is running, or give another"
                                    + " address with --bootstrap-servers HOST:PORT (or bootstrap.servers)."));
        });
        return bootstrap;
    }
}

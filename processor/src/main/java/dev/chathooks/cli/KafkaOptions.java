package dev.chathooks.cli;

import dev.chathooks.config.ChatHooksConfig;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers} for the commands that talk to a cluster. */
final class KafkaOptions {
    /** Where {@code load} and {@code dump} look when nothing is configured: {@code run}'s embedded broker. */
    static final String LOCAL_BROKER = "localhost:9092";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "The Kafka cluster (over bootstrap.servers from the config and CHAT_HOOKS_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    /** The configuration with {@code --bootstrap-servers} applied. */
    ChatHooksConfig apply(ChatHooksConfig config) {
        return bootstrapServers == null ? config : config.with("bootstrap.servers", bootstrapServers);
    }

    /** The cluster to use: the flag, the configuration, or the local embedded broker's default address. */
    String bootstrapOrLocal(ChatHooksConfig config) {
        return apply(config).bootstrapServers().orElse(LOCAL_BROKER);
    }
}

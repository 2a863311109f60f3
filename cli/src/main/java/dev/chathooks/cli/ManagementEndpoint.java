package dev.chathooks.cli;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.management.HealthProbe;
import dev.chathooks.processor.management.ManagementServer;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import java.util.function.Consumer;

/**
 * The process's metrics registry and, unless {@code management.enabled=false}, its management endpoint, as
 * {@code run} and {@code demo} start them: before anything else, so that a taken port stops the command before a
 * broker or a hook starts, and so that readiness says "not yet" while they do.
 */
final class ManagementEndpoint implements AutoCloseable {
    private final ChatHooksMetrics metrics;
    private final ManagementServer server;

    private ManagementEndpoint(ChatHooksMetrics metrics, ManagementServer server) {
        this.metrics = metrics;
        this.server = server;
    }

    /**
     * Starts the registry and the endpoint the configuration asks for, and says where it listens through
     * {@code say}.
     *
     * @throws dev.chathooks.processor.management.ManagementStartException if the endpoint cannot listen
     */
    static ManagementEndpoint start(ChatHooksConfig config, Consumer<String> say) {
        ChatHooksConfig.Management settings = config.management();
        ChatHooksMetrics metrics = ChatHooksMetrics.create();
        if (!settings.enabled()) {
            return new ManagementEndpoint(metrics, null);
        }
        try {
            ManagementServer server = ManagementServer.start(settings.host(), settings.port(), metrics);
            say.accept("Management endpoint on " + server.url() + " (/metrics, /health/live, /health/ready)");
            return new ManagementEndpoint(metrics, server);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    ChatHooksMetrics metrics() {
        return metrics;
    }

    /** Points the health endpoints at the running process. */
    void health(HealthProbe probe) {
        if (server != null) {
            server.health(probe);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        metrics.close();
    }
}

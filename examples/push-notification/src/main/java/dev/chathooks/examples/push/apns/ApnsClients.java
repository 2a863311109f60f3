package dev.chathooks.examples.push.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import dev.chathooks.examples.push.config.ApnsSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** Builds Pushy clients from {@link ApnsSettings}: the hook's, and the benchmark's baseline. */
public final class ApnsClients {
    private ApnsClients() {}

    /**
     * A Pushy client on an event loop of its own (one thread, as Pushy makes by default), which {@link #close()}
     * stops as soon as the client has closed. Pushy stops an event loop it made itself with Netty's defaults, which
     * wait two quiet seconds for more tasks first: every close of the hook took two seconds more than its work.
     *
     * @param client the client, for sending
     * @param eventLoop the thread its connections run on, owned here
     */
    public record Owned(ApnsClient client, EventLoopGroup eventLoop) {
        /**
         * Closes the client (its connections finish what they are sending, then close), then stops its event loop
         * at once: nothing is left to run on it.
         *
         * @return completes when both are closed; exceptionally if either failed to
         */
        public CompletableFuture<Void> close() {
            return client.close().thenCompose(closed -> {
                CompletableFuture<Void> stopped = new CompletableFuture<>();
                eventLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS).addListener(future -> {
                    if (future.isSuccess()) {
                        stopped.complete(null);
                    } else {
                        stopped.completeExceptionally(future.cause());
                    }
                });
                return stopped;
            });
        }
    }

    /**
     * A client with token authentication, to {@code appleHost} (production or development) unless the settings
     * name another server. It connects on first use.
     *
     * @throws UncheckedIOException if TLS cannot be set up (such as an unreadable trusted certificate)
     */
    public static Owned build(ApnsSettings settings, String appleHost) {
        EventLoopGroup eventLoop = new NioEventLoopGroup(1);
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setSigningKey(settings.signingKey())
                .setConcurrentConnections(settings.connections())
                .setEventLoopGroup(eventLoop);
        if (settings.serverOverride().isPresent()) {
            builder.setApnsServer(
                    settings.serverOverride().get().host(),
                    settings.serverOverride().get().port());
        } else {
            builder.setApnsServer(appleHost);
        }
        boolean built = false;
        try {
            if (settings.trustedCertificate().isPresent()) {
                builder.setTrustedServerCertificateChain(
                        settings.trustedCertificate().get().toFile());
            }
            Owned owned = new Owned(builder.build(), eventLoop);
            built = true;
            return owned;
        } catch (SSLException e) {
            throw new UncheckedIOException("cannot set up TLS for APNs", e);
        } finally {
            if (!built) {
                eventLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            }
        }
    }
}

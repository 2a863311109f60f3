package dev.chathooks.examples.push.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import dev.chathooks.examples.push.config.ApnsSettings;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLException;

/** Builds Pushy clients from {@link ApnsSettings}: the hook's, and the benchmark's baseline. */
public final class ApnsClients {
    private ApnsClients() {}

    /**
     * A client with token authentication, to {@code appleHost} (production or development) unless the settings
     * name another server. It connects on first use.
     *
     * @throws UncheckedIOException if TLS cannot be set up (such as an unreadable trusted certificate)
     */
    public static ApnsClient build(ApnsSettings settings, String appleHost) {
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setSigningKey(settings.signingKey())
                .setConcurrentConnections(settings.connections());
        if (settings.serverOverride().isPresent()) {
            builder.setApnsServer(
                    settings.serverOverride().get().host(),
                    settings.serverOverride().get().port());
        } else {
            builder.setApnsServer(appleHost);
        }
        try {
            if (settings.trustedCertificate().isPresent()) {
                builder.setTrustedServerCertificateChain(
                        settings.trustedCertificate().get().toFile());
            }
            return builder.build();
        } catch (SSLException e) {
            throw new UncheckedIOException("cannot set up TLS for APNs", e);
        }
    }
}

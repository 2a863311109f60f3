package dev.chathooks.examples.push.config;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach APNs: token authentication with a .p8 signing key, the default topic (bundle id) for devices that
 * name none, and which server devices without the {@code sandbox} flag use.
 *
 * <p>{@link #toString()} never shows the key.
 *
 * @param signingKey the parsed .p8 key with its key id and team id
 * @param defaultTopic the topic for devices whose record has no {@code topic}
 * @param sandboxByDefault true if devices without the {@code sandbox} flag use the development server too
 * @param serverOverride a host and port replacing Apple's servers (mock servers, tests)
 * @param trustedCertificate a PEM file with the server certificate to trust instead of the system's (mock servers)
 * @param connections concurrent HTTP/2 connections per server
 */
public record ApnsSettings(
        ApnsSigningKey signingKey,
        String defaultTopic,
        boolean sandboxByDefault,
        Optional<HostAndPort> serverOverride,
        Optional<Path> trustedCertificate,
        int connections) {
    public ApnsSettings {
        Objects.requireNonNull(signingKey, "signingKey is null");
        Objects.requireNonNull(defaultTopic, "defaultTopic is null");
        Objects.requireNonNull(serverOverride, "serverOverride is null");
        Objects.requireNonNull(trustedCertificate, "trustedCertificate is null");
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
    }

    /** A host and port. */
    public record HostAndPort(String host, int port) {
        public HostAndPort {
            Objects.requireNonNull(host, "host is null");
        }
    }

    @Override
    public String toString() {
        return "ApnsSettings{keyId=" + signingKey.getKeyId() + ", teamId=" + signingKey.getTeamId()
                + ", defaultTopic=" + defaultTopic + ", sandboxByDefault=" + sandboxByDefault
                + ", serverOverride=" + serverOverride + ", connections=" + connections + "}";
    }
}

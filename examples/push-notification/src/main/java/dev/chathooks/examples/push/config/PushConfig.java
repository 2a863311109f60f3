package dev.chathooks.examples.push.config;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.chathooks.api.HookConfig;
import dev.chathooks.api.HookConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The push hook's configuration, read from its {@code hook.push.*} keys. Everything is checked, and credentials are
 * loaded, when it is read: a misconfiguration fails at start with a {@link HookConfigException} naming the key, and
 * a key the hook does not know fails too (a typo must not be ignored in silence). Credentials appear in no message.
 *
 * <p>Keys (without the {@code hook.push.} prefix):
 * <ul>
 *   <li>{@code mode}: {@code dry-run} (the default, so that nothing is sent by accident) or {@code send};
 *       {@code dry-run-file}: where dry-run writes its JSON lines (default stdout; the file is replaced).</li>
 *   <li>{@code devices-topic} (default {@code chat.devices}), {@code feedback-topic} (default
 *       {@code chat-hooks.push-feedback}).</li>
 *   <li>{@code max-in-flight} (default 64): notifications being sent at once, over all conversations;
 *       {@code retry.max-attempts} (5), {@code retry.initial-backoff} (200ms), {@code retry.max-backoff} (30s);
 *       {@code rejected-tokens.capacity} (100000) and {@code sent.capacity} (100000): the bounded memories of
 *       rejected tokens and of notifications already accepted.</li>
 *   <li>APNs, enabled by {@code apns.key-file} (a .p8 file) or {@code apns.key} (its PEM text, for the
 *       environment): {@code apns.key-id}, {@code apns.team-id}, {@code apns.topic} (the default bundle id),
 *       {@code apns.environment} ({@code production} or {@code sandbox}; a device's {@code sandbox} flag picks the
 *       development server), {@code apns.connections} (1); for mock servers {@code apns.host}, {@code apns.port}
 *       and {@code apns.trusted-certificate} (a PEM file).</li>
 *   <li>FCM, enabled by {@code fcm.service-account-file} or {@code fcm.service-account} (the JSON text):
 *       {@code fcm.project-id} (default: the service account's), {@code fcm.endpoint} (a base URL replacing
 *       {@code https://fcm.googleapis.com}, for local endpoints).</li>
 * </ul>
 * In {@code send} mode at least one of APNs and FCM must be configured; in {@code dry-run} mode their keys are
 * still checked, so that a configuration can be tried before it is used.
 *
 * @param mode send or dry-run
 * @param dryRunFile where dry-run writes, empty for stdout
 * @param devicesTopic the compacted topic of devices by user id
 * @param feedbackTopic where rejected tokens are reported
 * @param maxInFlight notifications in flight at once, over all conversations
 * @param retry how transient failures are retried
 * @param rejectedTokensCapacity how many rejected tokens are remembered
 * @param sentCapacity how many accepted notifications are remembered, so a redelivered call does not repeat them
 * @param apns APNs settings, empty when APNs is not configured
 * @param fcm FCM settings, empty when FCM is not configured
 */
public record PushConfig(
        Mode mode,
        Optional<Path> dryRunFile,
        String devicesTopic,
        String feedbackTopic,
        int maxInFlight,
        RetrySettings retry,
        int rejectedTokensCapacity,
        int sentCapacity,
        Optional<ApnsSettings> apns,
        Optional<FcmSettings> fcm) {
    static final Set<String> KEYS = Set.of(
            "mode",
            "dry-run-file",
            "devices-topic",
            "feedback-topic",
            "max-in-flight",
            "retry.max-attempts",
            "retry.initial-backoff",
            "retry.max-backoff",
            "rejected-tokens.capacity",
            "sent.capacity",
            "apns.key-file",
            "apns.key",
            "apns.key-id",
            "apns.team-id",
            "apns.topic",
            "apns.environment",
            "apns.connections",
            "apns.host",
            "apns.port",
            "apns.trusted-certificate",
            "fcm.service-account-file",
            "fcm.service-account",
            "fcm.project-id",
            "fcm.endpoint");

    public PushConfig {
        Objects.requireNonNull(mode, "mode is null");
        Objects.requireNonNull(dryRunFile, "dryRunFile is null");
        Objects.requireNonNull(devicesTopic, "devicesTopic is null");
        Objects.requireNonNull(feedbackTopic, "feedbackTopic is null");
        Objects.requireNonNull(retry, "retry is null");
        Objects.requireNonNull(apns, "apns is null");
        Objects.requireNonNull(fcm, "fcm is null");
    }

    /**
     * Reads and checks the configuration, loading the credentials it names.
     *
     * @throws HookConfigException naming the first key at fault
     */
    public static PushConfig from(HookConfig config) {
        Objects.requireNonNull(config, "config is null");
        for (String key : config.asMap().keySet()) {
            if (!KEYS.contains(key)) {
                throw new HookConfigException(
                        config.fullKey(key),
                        "is not a setting of the push hook; valid keys" + " (under " + config.fullKey("") + ") are "
                                + new TreeSet<>(KEYS));
            }
        }
        Mode mode = Mode.fromConfigValue(
                config.oneOf("mode", Mode.DRY_RUN.configValue(), Mode.SEND.configValue(), Mode.DRY_RUN.configValue()));
        Optional<Path> dryRunFile = config.get("dry-run-file").map(Path::of);
        RetrySettings retry = readRetry(config);
        Optional<ApnsSettings> apns = readApns(config);
        Optional<FcmSettings> fcm = readFcm(config);
        if (mode == Mode.SEND && apns.isEmpty() && fcm.isEmpty()) {
            throw new HookConfigException(
                    config.fullKey("mode"),
                    "is send, but neither APNs ("
                            + config.fullKey("apns.key-file") + ") nor FCM ("
                            + config.fullKey("fcm.service-account-file")
                            + ") is configured: configure at least one, or use dry-run");
        }
        return new PushConfig(
                mode,
                dryRunFile,
                config.get("devices-topic", "chat.devices"),
                config.get("feedback-topic", "chat-hooks.push-feedback"),
                config.getInt("max-in-flight", 64, 1),
                retry,
                config.getInt("rejected-tokens.capacity", 100_000, 1),
                config.getInt("sent.capacity", 100_000, 0),
                apns,
                fcm);
    }

    private static RetrySettings readRetry(HookConfig config) {
        RetrySettings defaults = RetrySettings.DEFAULT;
        int attempts = config.getInt("retry.max-attempts", defaults.maxAttempts(), 1);
        var initial = config.getDuration("retry.initial-backoff", defaults.initialBackoff());
        if (initial.isZero()) {
            throw new HookConfigException(config.fullKey("retry.initial-backoff"), "must be longer than zero");
        }
        var max = config.getDuration(
                "retry.max-backoff", defaults.maxBackoff().compareTo(initial) < 0 ? initial : defaults.maxBackoff());
        if (max.compareTo(initial) < 0) {
            throw new HookConfigException(
                    config.fullKey("retry.max-backoff"),
                    "is shorter than " + config.fullKey("retry.initial-backoff") + "; make it at least as long");
        }
        return new RetrySettings(attempts, initial, max);
    }

    private static Optional<ApnsSettings> readApns(HookConfig config) {
        Optional<String> keyFile = config.get("apns.key-file");
        Optional<String> keyText = config.get("apns.key");
        if (keyFile.isEmpty() && keyText.isEmpty()) {
            for (String key : List.of("apns.key-id", "apns.team-id", "apns.host", "apns.trusted-certificate")) {
                if (config.get(key).isPresent()) {
                    throw new HookConfigException(
                            config.fullKey("apns.key-file"),
                            "is not set, but "
                                    + config.fullKey(key) + " is: set it (or " + config.fullKey("apns.key")
                                    + ") to the APNs .p8 signing key");
                }
            }
            return Optional.empty();
        }
        if (keyFile.isPresent() && keyText.isPresent()) {
            throw new HookConfigException(
                    config.fullKey("apns.key"),
                    "is set together with " + config.fullKey("apns.key-file") + "; set only one of them");
        }
        String keyId = config.require("apns.key-id", "the id of the APNs signing key (10 characters)");
        String teamId = config.require("apns.team-id", "the Apple developer team id (10 characters)");
        String keySource = keyFile.isPresent() ? "apns.key-file" : "apns.key";
        Optional<Path> keyPath = keyFile.map(ignored -> readableFile(config, "apns.key-file"));
        ApnsSigningKey signingKey;
        try (InputStream in = keyPath.isPresent()
                ? Files.newInputStream(keyPath.get())
                : new ByteArrayInputStream(keyText.get().getBytes(StandardCharsets.UTF_8))) {
            signingKey = ApnsSigningKey.loadFromInputStream(in, teamId, keyId);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The exception's message is left out: it may quote the key.
            throw new HookConfigException(
                    config.fullKey(keySource),
                    "does not hold an APNs signing key: a PKCS#8"
                            + " EC P-256 private key in PEM, as in the .p8 file Apple gives ("
                            + e.getClass().getSimpleName()
                            + ")");
        }
        String topic = config.require("apns.topic", "the app's bundle id, the APNs topic for devices that name none");
        boolean sandbox = "sandbox".equals(config.oneOf("apns.environment", "production", "production", "sandbox"));
        Optional<ApnsSettings.HostAndPort> server = config.get("apns.host")
                .map(host -> new ApnsSettings.HostAndPort(host, config.getInt("apns.port", 443, 1)));
        if (server.isEmpty() && config.get("apns.port").isPresent()) {
            throw new HookConfigException(
                    config.fullKey("apns.port"),
                    "is set without " + config.fullKey("apns.host") + "; set both, or neither to use Apple's servers");
        }
        if (server.isPresent() && server.get().port() > 65535) {
            throw new HookConfigException(
                    config.fullKey("apns.port"), "is " + server.get().port() + "; it must be a TCP port, 1 to 65535");
        }
        Optional<Path> trusted = config.get("apns.trusted-certificate").isPresent()
                ? Optional.of(readableFile(config, "apns.trusted-certificate"))
                : Optional.empty();
        return Optional.of(
                new ApnsSettings(signingKey, topic, sandbox, server, trusted, config.getInt("apns.connections", 1, 1)));
    }

    private static Optional<FcmSettings> readFcm(HookConfig config) {
        Optional<String> file = config.get("fcm.service-account-file");
        Optional<String> text = config.get("fcm.service-account");
        if (file.isEmpty() && text.isEmpty()) {
            for (String key : List.of("fcm.project-id", "fcm.endpoint")) {
                if (config.get(key).isPresent()) {
                    throw new HookConfigException(
                            config.fullKey("fcm.service-account-file"),
                            "is not set, but "
                                    + config.fullKey(key) + " is: set it (or " + config.fullKey("fcm.service-account")
                                    + ") to the Firebase service account's JSON key");
                }
            }
            return Optional.empty();
        }
        if (file.isPresent() && text.isPresent()) {
            throw new HookConfigException(
                    config.fullKey("fcm.service-account"),
                    "is set together with " + config.fullKey("fcm.service-account-file") + "; set only one of them");
        }
        String source = file.isPresent() ? "fcm.service-account-file" : "fcm.service-account";
        Optional<Path> path = file.map(ignored -> readableFile(config, "fcm.service-account-file"));
        ServiceAccountCredentials credentials;
        try (InputStream in = path.isPresent()
                ? Files.newInputStream(path.get())
                : new ByteArrayInputStream(text.get().getBytes(StandardCharsets.UTF_8))) {
            credentials = ServiceAccountCredentials.fromStream(in);
        } catch (IOException | RuntimeException e) {
            throw new HookConfigException(
                    config.fullKey(source),
                    "does not hold a Google service account's JSON" + " key, as the Firebase console gives it ("
                            + e.getClass().getSimpleName() + ")");
        }
        String projectId = config.get("fcm.project-id")
                .or(() -> Optional.ofNullable(credentials.getProjectId()))
                .orElseThrow(() -> new HookConfigException(
                        config.fullKey("fcm.project-id"),
                        "is required: the service account names no project; set it to the Firebase project id"));
        Optional<URI> endpoint = config.get("fcm.endpoint").map(value -> endpoint(config, value));
        return Optional.of(new FcmSettings(credentials, projectId, endpoint));
    }

    private static URI endpoint(HookConfig config, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()))
                    && uri.getQuery() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new HookConfigException(
                config.fullKey("fcm.endpoint"),
                "is '" + value
                        + "'; it must be a base URL such as http://127.0.0.1:8080, replacing https://fcm.googleapis.com");
    }

    private static Path readableFile(HookConfig config, String key) {
        Path path = Path.of(config.require(key, "a file"));
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new HookConfigException(
                    config.fullKey(key), "names " + path.toAbsolutePath() + ", which is not a readable file");
        }
        return path;
    }
}

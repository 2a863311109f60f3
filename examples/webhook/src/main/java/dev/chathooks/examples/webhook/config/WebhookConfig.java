package dev.chathooks.examples.webhook.config;

import dev.chathooks.api.HookConfig;
import dev.chathooks.api.HookConfigException;
import dev.chathooks.api.HookKind;
import dev.chathooks.examples.webhook.signing.WebhookSigner;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A webhook instance's configuration, read from its {@code hook.<name>.*} keys. Every key is checked when it is
 * read, so a mistake fails at start with a {@link HookConfigException} naming the key and what would be valid; a
 * key the hook does not know fails too. No message quotes a secret.
 *
 * <p>Keys (without the {@code hook.<name>.} prefix):
 * <ul>
 *   <li>{@code url} (required): the endpoint, {@code https://...}; plain {@code http://} only to a loopback
 *       address ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) unless {@code allow-insecure} is true.</li>
 *   <li>{@code secret} (required): {@code whsec_} followed by the base64 of at least 24 random bytes; several,
 *       comma-separated, during a rotation (each signs every request).</li>
 *   <li>{@code kinds}: the seed names of the kinds to send, comma-separated (default all nine).</li>
 *   <li>{@code participants}: {@code records} (default) or {@code ids}.</li>
 *   <li>{@code timeout} (default 15s): the longest one request may take, connecting included.</li>
 *   <li>{@code max-in-flight} (default 64): requests in flight at once over all conversations.</li>
 *   <li>{@code allow-insecure} (default false): allow plain {@code http://} to any host.</li>
 * </ul>
 *
 * @param url the endpoint
 * @param signer signs with every configured secret
 * @param kinds the kinds sent; calls of other kinds succeed without a request
 * @param participants how participants are sent
 * @param timeout the longest one request may take
 * @param maxInFlight requests in flight at once
 */
public record WebhookConfig(
        URI url,
        WebhookSigner signer,
        Set<HookKind> kinds,
        ParticipantsMode participants,
        Duration timeout,
        int maxInFlight) {
    static final Set<String> KEYS =
            Set.of("url", "secret", "kinds", "participants", "timeout", "max-in-flight", "allow-insecure");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    static final int DEFAULT_MAX_IN_FLIGHT = 64;

    public WebhookConfig {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(signer, "signer is null");
        kinds = Set.copyOf(Objects.requireNonNull(kinds, "kinds is null"));
        Objects.requireNonNull(participants, "participants is null");
        Objects.requireNonNull(timeout, "timeout is null");
    }

    /**
     * Reads and checks the configuration.
     *
     * @throws HookConfigException naming the first key at fault
     */
    public static WebhookConfig from(HookConfig config) {
        Objects.requireNonNull(config, "config is null");
        for (String key : config.asMap().keySet()) {
            if (!KEYS.contains(key)) {
                throw new HookConfigException(
                        config.fullKey(key),
                        "is not a setting of the webhook hook; valid keys" + " (under " + config.fullKey("") + ") are "
                                + new TreeSet<>(KEYS));
            }
        }
        boolean allowInsecure = config.getBoolean("allow-insecure", false);
        URI url = url(config, allowInsecure);
        WebhookSigner signer = signer(config);
        Set<HookKind> kinds = kinds(config);
        ParticipantsMode participants = ParticipantsMode.valueOf(config.oneOf(
                        "participants",
                        ParticipantsMode.RECORDS.configValue(),
                        ParticipantsMode.RECORDS.configValue(),
                        ParticipantsMode.IDS.configValue())
                .toUpperCase(Locale.ROOT));
        Duration timeout = config.getDuration("timeout", DEFAULT_TIMEOUT);
        if (timeout.isZero()) {
            throw new HookConfigException(
                    config.fullKey("timeout"), "is zero; it must be a duration longer than " + "zero, such as 15s");
        }
        int maxInFlight = config.getInt("max-in-flight", DEFAULT_MAX_IN_FLIGHT, 1);
        return new WebhookConfig(url, signer, kinds, participants, timeout, maxInFlight);
    }

    private static URI url(HookConfig config, boolean allowInsecure) {
        String value = config.require("url", "the endpoint's URL, such as https://hooks.example.com/chat");
        String key = config.fullKey("url");
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new HookConfigException(
                    key,
                    "is not a URL (" + e.getReason() + "); it must be an http(s) URL "
                            + "such as https://hooks.example.com/chat");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new HookConfigException(
                    key, "is not an http(s) URL with a host; it must be such as " + "https://hooks.example.com/chat");
        }
        if (uri.getRawUserInfo() != null) {
            throw new HookConfigException(
                    key,
                    "holds a user name or password; the webhook hook authenticates with " + "its signature ("
                            + config.fullKey("secret") + "), so remove them from the URL");
        }
        if (uri.getRawFragment() != null) {
            throw new HookConfigException(key, "has a fragment (#...), which HTTP does not send; remove it");
        }
        if (scheme.equals("http") && !allowInsecure && !isLoopback(uri.getHost())) {
            throw new HookConfigException(
                    key,
                    "is plain http:// to " + uri.getHost() + ", which would send chat "
                            + "content unencrypted: use https://, or set " + config.fullKey("allow-insecure")
                            + "=true to allow it (plain http:// to localhost, 127.0.0.1 or [::1] needs no setting)");
        }
        return uri;
    }

    /** Loopback by name or by literal address; other names are not resolved, so DNS cannot decide. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = bare.contains(":") || bare.matches("[0-9.]+");
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static WebhookSigner signer(HookConfig config) {
        String value = config.require(
                "secret",
                WebhookSigner.SECRET_PREFIX + " followed by the base64 of at least "
                        + WebhookSigner.MIN_SECRET_BYTES
                        + " random bytes (for example: echo whsec_$(openssl rand -base64 "
                        + "32)); the receiver verifies requests with it");
        List<String> secrets = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                secrets.add(part.trim());
            }
        }
        try {
            return WebhookSigner.fromSecrets(secrets);
        } catch (IllegalArgumentException e) {
            throw new HookConfigException(
                    config.fullKey("secret"),
                    "is not valid: " + e.getMessage() + ". Each "
                            + "comma-separated secret must be " + WebhookSigner.SECRET_PREFIX
                            + " followed by the base64 "
                            + "of at least " + WebhookSigner.MIN_SECRET_BYTES + " random bytes");
        }
    }

    private static Set<HookKind> kinds(HookConfig config) {
        if (config.get("kinds").isEmpty()) {
            return EnumSet.allOf(HookKind.class);
        }
        Set<HookKind> kinds = EnumSet.noneOf(HookKind.class);
        for (String part : config.get("kinds").get().split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            kinds.add(HookKind.fromSeedName(name)
                    .orElseThrow(() -> new HookConfigException(
                            config.fullKey("kinds"),
                            "names '" + name + "', which is not a hook kind; valid kinds are "
                                    + Arrays.stream(HookKind.values())
                                            .map(HookKind::seedName)
                                            .collect(Collectors.joining(", ")))));
        }
        if (kinds.isEmpty()) {
            throw new HookConfigException(
                    config.fullKey("kinds"),
                    "names no kind; list the seed names of the kinds " + "to send, or leave it unset for all nine");
        }
        return kinds;
    }
}

package dev.chathooks.examples.webhook.signing;

import dev.chathooks.api.HookKind;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the Standard Webhooks way: {@code webhook-signature} holds one {@code v1,<base64 HMAC-SHA256>} of
 * {@code <webhook-id>.<webhook-timestamp>.<body>} per secret, separated by spaces, so that a receiver that knows
 * any one of the secrets (the old one or the new one, during a rotation) can verify the request. Thread-safe.
 */
public final class WebhookSigner {
    /** The prefix of a Standard Webhooks symmetric secret. */
    public static final String SECRET_PREFIX = "whsec_";
    /** The specification asks for at least 24 random bytes. */
    public static final int MIN_SECRET_BYTES = 24;

    private static final String HMAC = "HmacSHA256";

    private final List<SecretKeySpec> keys;
    private final ThreadLocal<List<Mac>> macs;

    private WebhookSigner(List<SecretKeySpec> keys) {
        this.keys = List.copyOf(keys);
        // A Mac is not thread-safe, and making one per request cost more than the signing itself.
        this.macs = ThreadLocal.withInitial(this::newMacs);
    }

    /**
     * A signer for the given secrets, each {@code whsec_} followed by the base64 of at least 24 bytes.
     *
     * @throws IllegalArgumentException if there is none, or one is malformed; the message says which (by its
     *     position) and never quotes it
     */
    public static WebhookSigner fromSecrets(List<String> secrets) {
        Objects.requireNonNull(secrets, "secrets is null");
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no secret is given");
        }
        List<SecretKeySpec> keys = new ArrayList<>(secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            keys.add(new SecretKeySpec(decode(secrets.get(i), i + 1), HMAC));
        }
        return new WebhookSigner(keys);
    }

    private static byte[] decode(String secret, int position) {
        String which = "secret " + position;
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException(which + " does not start with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(which + " is not " + SECRET_PREFIX + " followed by base64");
        }
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(which + " holds " + key.length + " bytes; Standard Webhooks asks for "
                    + "at least " + MIN_SECRET_BYTES);
        }
        return key;
    }

    private List<Mac> newMacs() {
        List<Mac> list = new ArrayList<>(keys.size());
        for (SecretKeySpec key : keys) {
            try {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(key);
                list.add(mac);
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("this JDK cannot compute " + HMAC, e);
            }
        }
        return list;
    }

    /** How many secrets sign each request. */
    public int secretCount() {
        return keys.size();
    }

    /**
     * The {@code webhook-signature} header value for a request.
     *
     * @param webhookId the {@code webhook-id} header
     * @param timestampSeconds the {@code webhook-timestamp} header, Unix seconds
     * @param body the exact bytes sent
     */
    public String signature(String webhookId, long timestampSeconds, byte[] body) {
        byte[] prefix = (webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(48 * keys.size());
        for (Mac mac : macs.get()) {
            mac.update(prefix);
            mac.update(body);
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(mac.doFinal()));
        }
        return header.toString();
    }

    /**
     * The {@code webhook-id} of a call: the same for every attempt of one hook instance's call for one event (the
     * receiver's idempotency key), different between instances and kinds. It is a digest, so the event id, which
     * the chat server chose, can hold any character without breaking the header or the signed content.
     */
    public static String webhookId(String hookName, HookKind kind, String eventId) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
        byte[] hash =
                digest.digest((hookName + '\n' + kind.seedName() + '\n' + eventId).getBytes(StandardCharsets.UTF_8));
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }
}

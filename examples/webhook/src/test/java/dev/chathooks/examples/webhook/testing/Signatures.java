package dev.chathooks.examples.webhook.testing;

import dev.chathooks.mockservers.LocalEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks Standard Webhooks signatures independently of the hook's signer, as a receiver would. */
public final class Signatures {
    private Signatures() {}

    /** Whether {@code request} carries a valid {@code v1} signature for {@code secret} ({@code whsec_...}). */
    public static boolean verifies(LocalEndpoint.Received request, String secret) {
        String expected = "v1,"
                + hmac(
                        secret,
                        request.header("webhook-id") + "." + request.header("webhook-timestamp") + ".",
                        request.body());
        return List.of(request.header("webhook-signature").split(" ")).contains(expected);
    }

    private static String hmac(String secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random secret. */
    public static String newSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}

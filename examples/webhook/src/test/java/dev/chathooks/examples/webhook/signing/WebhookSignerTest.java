package dev.chathooks.examples.webhook.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.api.HookKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    /** The example that the Standard Webhooks reference libraries publish and test against. */
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long SPEC_TIMESTAMP = 1614265330L;
    static final String SPEC_BODY = "{\"test\": 2432232314}";
    static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void theSpecificationsExampleSignsAsPublished() {
        WebhookSigner signer = WebhookSigner.fromSecrets(List.of(SPEC_SECRET));

        assertThat(signer.signature(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void severalSecretsGiveOneSignatureEachInOrder() {
        WebhookSigner spec = WebhookSigner.fromSecrets(List.of(SPEC_SECRET));
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        WebhookSigner both = WebhookSigner.fromSecrets(List.of(other, SPEC_SECRET));
        byte[] body = SPEC_BODY.getBytes(StandardCharsets.UTF_8);

        String[] signatures = both.signature(SPEC_ID, SPEC_TIMESTAMP, body).split(" ");

        assertThat(signatures).hasSize(2);
        assertThat(signatures[1]).isEqualTo(spec.signature(SPEC_ID, SPEC_TIMESTAMP, body));
        assertThat(signatures[0]).startsWith("v1,").isNotEqualTo(signatures[1]);
    }

    @Test
    void aTooShortSecretIsRefused() {
        assertThatThrownBy(() -> WebhookSigner.fromSecrets(List.of("whsec_AAAA")))
                .hasMessage("secret 1 holds 3 bytes; Standard Webhooks asks for at least 24");
    }

    @Test
    void theWebhookIdDependsOnInstanceKindAndEventOnly() {
        String id = WebhookSigner.webhookId("python", HookKind.AFTER_MESSAGE_SENT, "e-1");

        assertThat(id).matches("msg_[A-Za-z0-9_-]{43}");
        assertThat(WebhookSigner.webhookId("python", HookKind.AFTER_MESSAGE_SENT, "e-1"))
                .isEqualTo(id);
        assertThat(WebhookSigner.webhookId("audit", HookKind.AFTER_MESSAGE_SENT, "e-1"))
                .isNotEqualTo(id);
        assertThat(WebhookSigner.webhookId("python", HookKind.AFTER_MESSAGE_UPDATED, "e-1"))
                .isNotEqualTo(id);
        assertThat(WebhookSigner.webhookId("python", HookKind.AFTER_MESSAGE_SENT, "e-2"))
                .isNotEqualTo(id);
    }
}

package dev.chathooks.examples.webhook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.api.HookConfig;
import dev.chathooks.api.HookConfigException;
import dev.chathooks.api.HookKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookConfigTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static WebhookConfig read(String... keysAndValues) {
        Map<String, String> values = new HashMap<>(Map.of("url", "https://hooks.example.com/chat", "secret", SECRET));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        values.values().removeIf(value -> value == null);
        return WebhookConfig.from(new HookConfig("python", values));
    }

    @Test
    void defaultsSendEveryKindWithRecords() {
        WebhookConfig config = read();

        assertThat(config.url()).hasToString("https://hooks.example.com/chat");
        assertThat(config.kinds()).containsExactlyInAnyOrder(HookKind.values());
        assertThat(config.participants()).isEqualTo(ParticipantsMode.RECORDS);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.maxInFlight()).isEqualTo(64);
        assertThat(config.signer().secretCount()).isEqualTo(1);
    }

    @Test
    void everyKeyIsRead() {
        WebhookConfig config = read(
                "kinds",
                "typing_started,after_message_sent",
                "participants",
                "ids",
                "timeout",
                "2s",
                "max-in-flight",
                "8",
                "secret",
                SECRET + "," + SECRET.replace('M', 'N'));

        assertThat(config.kinds()).isEqualTo(Set.of(HookKind.TYPING_STARTED, HookKind.AFTER_MESSAGE_SENT));
        assertThat(config.participants()).isEqualTo(ParticipantsMode.IDS);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxInFlight()).isEqualTo(8);
        assertThat(config.signer().secretCount()).isEqualTo(2);
    }

    @Test
    void aMissingUrlIsNamed() {
        Map<String, String> values = Map.of("secret", SECRET);
        assertThatThrownBy(() -> WebhookConfig.from(new HookConfig("python", values)))
                .isInstanceOf(HookConfigException.class)
                .hasMessageStartingWith("hook.python.url: is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "hooks.example.com/chat", "https://", "http://a b"})
    void aUrlThatIsNotHttpIsRefused(String url) {
        assertThatThrownBy(() -> read("url", url))
                .isInstanceOf(HookConfigException.class)
                .hasMessageStartingWith("hook.python.url: ");
    }

    @Test
    void plainHttpToAnotherHostIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> read("url", "http://hooks.example.com/chat"))
                .isInstanceOf(HookConfigException.class)
                .hasMessageStartingWith("hook.python.url: is plain http://")
                .hasMessageContaining("hook.python.allow-insecure=true");
        assertThatThrownBy(() -> read("url", "http://10.0.0.8:8000/chat"))
                .isInstanceOf(HookConfigException.class)
                .hasMessageContaining("allow-insecure");

        assertThat(read("url", "http://hooks.example.com/chat", "allow-insecure", "true")
                        .url()
                        .getHost())
                .isEqualTo("hooks.example.com");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://localhost:8000/", "http://127.0.0.1:8000/", "http://127.1.2.3/x", "http://[::1]:8000/"})
    void plainHttpToLoopbackIsAllowed(String url) {
        assertThat(read("url", url).url()).hasToString(url);
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertThatThrownBy(() -> read("url", "https://user:pass@hooks.example.com/"))
                .isInstanceOf(HookConfigException.class)
                .hasMessageContaining("user name or password")
                .hasMessageNotContaining("pass@");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not*base64!", "whsec_c2hvcnQ="})
    void aMalformedSecretIsNamedButNeverQuoted(String secret) {
        assertThatThrownBy(() -> read("secret", secret))
                .isInstanceOf(HookConfigException.class)
                .hasMessageStartingWith("hook.python.secret: is not valid: secret 1")
                .hasMessageNotContaining(secret);
    }

    @Test
    void theSecondSecretOfARotationIsCheckedToo() {
        assertThatThrownBy(() -> read("secret", SECRET + ",whsec_c2hvcnQ="))
                .isInstanceOf(HookConfigException.class)
                .hasMessageContaining("secret 2 holds 5 bytes");
    }

    @Test
    void aMissingSecretIsNamed() {
        Map<String, String> values = Map.of("url", "https://hooks.example.com/");
        assertThatThrownBy(() -> WebhookConfig.from(new HookConfig("python", values)))
                .isInstanceOf(HookConfigException.class)
                .hasMessageStartingWith("hook.python.secret: is required");
    }

    @Test
    void anUnknownKindIsNamedWithTheValidOnes() {
        assertThatThrownBy(() -> read("kinds", "after_message_sent,message_sent"))
                .isInstanceOf(HookConfigException.class)
                .hasMessageStartingWith("hook.python.kinds: names 'message_sent'")
                .hasMessageContaining("after_users_removed_from_conversation");
    }

    @Test
    void badValuesOfTheOtherKeysAreNamed() {
        assertThatThrownBy(() -> read("participants", "names"))
                .hasMessageStartingWith("hook.python.participants:")
                .hasMessageContaining("records, ids");
        assertThatThrownBy(() -> read("timeout", "soon")).hasMessageStartingWith("hook.python.timeout:");
        assertThatThrownBy(() -> read("timeout", "0s")).hasMessageStartingWith("hook.python.timeout: is zero");
        assertThatThrownBy(() -> read("max-in-flight", "0")).hasMessageStartingWith("hook.python.max-in-flight:");
        assertThatThrownBy(() -> read("allow-insecure", "yes")).hasMessageStartingWith("hook.python.allow-insecure:");
        assertThatThrownBy(() -> read("kinds", ",")).hasMessageStartingWith("hook.python.kinds: names no kind");
    }

    @Test
    void anUnknownKeyIsAnErrorListingTheValidOnes() {
        assertThatThrownBy(() -> read("secrets", SECRET))
                .isInstanceOf(HookConfigException.class)
                .hasMessageStartingWith("hook.python.secrets: is not a setting of the webhook hook")
                .hasMessageContaining("max-in-flight");
    }
}

package dev.chathooks.examples.push.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.api.HookConfig;
import dev.chathooks.api.HookConfigException;
import dev.chathooks.mockservers.MockFcmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushConfigTest {
    @TempDir
    Path folder;

    private static PushConfig read(Map<String, String> settings) {
        return PushConfig.from(new HookConfig("push", settings));
    }

    private static String p8() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static Map<String, String> apns(String key) {
        Map<String, String> settings = new HashMap<>();
        settings.put("mode", "send");
        settings.put("apns.key", key);
        settings.put("apns.key-id", "ABC123DEFG");
        settings.put("apns.team-id", "TEAM123456");
        settings.put("apns.topic", "com.example.chat");
        return settings;
    }

    private static void assertFailsNaming(Map<String, String> settings, String key, String text) {
        assertThatThrownBy(() -> read(settings))
                .isInstanceOf(HookConfigException.class)
                .satisfies(e -> assertThat(((HookConfigException) e).key()).isEqualTo(key))
                .hasMessageContaining(text);
    }

    @Test
    void theDefaultsAreADryRunToStdout() {
        PushConfig config = read(Map.of());

        assertThat(config.mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(config.dryRunFile()).isEmpty();
        assertThat(config.devicesTopic()).isEqualTo("chat.devices");
        assertThat(config.feedbackTopic()).isEqualTo("chat-hooks.push-feedback");
        assertThat(config.maxInFlight()).isEqualTo(64);
        assertThat(config.retry()).isEqualTo(RetrySettings.DEFAULT);
        assertThat(config.apns()).isEmpty();
        assertThat(config.fcm()).isEmpty();
    }

    @Test
    void apnsIsReadWithItsKey() throws Exception {
        Map<String, String> settings = apns(p8());
        settings.put("apns.environment", "sandbox");
        settings.put("max-in-flight", "8");
        settings.put("retry.initial-backoff", "1s");

        PushConfig config = read(settings);

        ApnsSettings apns = config.apns().orElseThrow();
        assertThat(apns.signingKey().getKeyId()).isEqualTo("ABC123DEFG");
        assertThat(apns.defaultTopic()).isEqualTo("com.example.chat");
        assertThat(apns.sandboxByDefault()).isTrue();
        assertThat(config.maxInFlight()).isEqualTo(8);
        assertThat(config.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(apns.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void aKeyFileWorksLikeTheKeyText() throws Exception {
        Path file = Files.writeString(folder.resolve("AuthKey.p8"), p8());
        Map<String, String> settings = apns("unused");
        settings.remove("apns.key");
        settings.put("apns.key-file", file.toString());

        assertThat(read(settings).apns()).isPresent();
    }

    @Test
    void sendingWithNoServiceConfiguredFailsNamingTheMode() {
        assertFailsNaming(Map.of("mode", "send"), "hook.push.mode", "neither APNs");
    }

    @Test
    void anUnknownModeFailsNamingIt() {
        assertFailsNaming(Map.of("mode", "loud"), "hook.push.mode", "valid values are send, dry-run");
    }

    @Test
    void anUnknownKeyFailsNamingIt() {
        assertFailsNaming(Map.of("apns.keyfile", "x"), "hook.push.apns.keyfile", "not a setting of the push hook");
    }

    @Test
    void aMissingKeyFileFailsNamingIt() {
        Map<String, String> settings = apns("unused");
        settings.remove("apns.key");
        settings.put("apns.key-file", folder.resolve("missing.p8").toString());

        assertFailsNaming(settings, "hook.push.apns.key-file", "not a readable file");
    }

    @Test
    void aKeyThatIsNotAP8FailsWithoutQuotingIt() {
        assertFailsNaming(
                apns("-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n"),
                "hook.push.apns.key",
                "does not hold an APNs signing key");
        assertThatThrownBy(() -> read(apns("secret-value"))).hasMessageNotContaining("secret-value");
    }

    @Test
    void aKeyWithoutKeyIdOrTopicFailsNamingWhatIsMissing() throws Exception {
        Map<String, String> noKeyId = apns(p8());
        noKeyId.remove("apns.key-id");
        Map<String, String> noTopic = apns(p8());
        noTopic.remove("apns.topic");

        assertFailsNaming(noKeyId, "hook.push.apns.key-id", "is required");
        assertFailsNaming(noTopic, "hook.push.apns.topic", "is required");
    }

    @Test
    void apnsSettingsWithoutAKeyFailNamingTheKey() {
        assertFailsNaming(Map.of("apns.key-id", "ABC"), "hook.push.apns.key-file", "is not set");
    }

    @Test
    void badNumbersAndDurationsFailNamingTheirKey() {
        assertFailsNaming(Map.of("max-in-flight", "0"), "hook.push.max-in-flight", "at least 1");
        assertFailsNaming(Map.of("retry.max-backoff", "soon"), "hook.push.retry.max-backoff", "duration");
        assertFailsNaming(
                Map.of("retry.initial-backoff", "10s", "retry.max-backoff", "1s"),
                "hook.push.retry.max-backoff",
                "shorter than");
    }

    @Test
    void fcmIsReadFromAServiceAccountFileWithItsProject() throws Exception {
        try (MockFcmServer fcm = MockFcmServer.start("my-project", 1, false)) {
            Path account = fcm.writeServiceAccount(folder.resolve("sa.json"));
            PushConfig config = read(Map.of(
                    "mode",
                    "send",
                    "fcm.service-account-file",
                    account.toString(),
                    "fcm.endpoint",
                    "http://127.0.0.1:9"));

            FcmSettings settings = config.fcm().orElseThrow();
            assertThat(settings.projectId()).isEqualTo("my-project");
            assertThat(settings.endpoint())
                    .hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(9));
        }
    }

    @Test
    void aServiceAccountThatIsNotOneFailsNamingIt() throws Exception {
        Path account = Files.writeString(folder.resolve("sa.json"), "{\"type\": \"something else\"}");

        assertFailsNaming(
                Map.of("fcm.service-account-file", account.toString()),
                "hook.push.fcm.service-account-file",
                "does not hold a Google service account");
    }

    @Test
    void aBadEndpointFailsNamingIt() throws Exception {
        try (MockFcmServer fcm = MockFcmServer.start("p", 1, false)) {
            Path account = fcm.writeServiceAccount(folder.resolve("sa.json"));
            assertFailsNaming(
                    Map.of("fcm.service-account-file", account.toString(), "fcm.endpoint", "ftp://x/y"),
                    "hook.push.fcm.endpoint",
                    "base URL");
        }
    }
}

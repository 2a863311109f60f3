package dev.chathooks.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void environmentVariablesNameKeysWithUnderscoresForDotsAndDoubleUnderscoresForDashes() {
        Map<String, String> keys = ConfigSources.fromEnvironment(Map.of(
                "CHAT_HOOKS_BOOTSTRAP_SERVERS", "kafka:9092",
                "CHAT_HOOKS_HOOK_PUSH_DRY__RUN__FILE", "/tmp/push.jsonl",
                "PATH", "/usr/bin"));

        assertThat(keys).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "kafka:9092", "hook.push.dry-run-file", "/tmp/push.jsonl"));
    }

    @Test
    void setOverridesTheEnvironmentWhichOverridesTheFile() throws IOException {
        Path file = dir.resolve("chat-hooks.properties");
        Files.writeString(file, "application.id=from-file\ntopics.messages=file.messages\njoin.grace=1s\n");

        Map<String, String> keys = ConfigSources.load(file,
                Map.of("CHAT_HOOKS_TOPICS_MESSAGES", "env.messages", "CHAT_HOOKS_JOIN_GRACE", "2s"),
                List.of("join.grace=3s"));

        ChatHooksConfig config = ChatHooksConfig.of(keys);
        assertThat(config.applicationId()).isEqualTo("from-file");
        assertThat(config.topics().messages()).isEqualTo("env.messages");
        assertThat(config.joinGrace()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.topics().invocations()).isEqualTo("from-file-invocations");
    }

    @Test
    void anUnknownOwnKeyIsRefusedWithTheValidOnes() {
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("dispatch.retries", "3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dispatch.retries")
                .hasMessageContaining("dispatch.retry.max-attempts");
    }

    @Test
    void invalidValuesNameTheKeyAndWhatIsValid() {
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("join.grace", "soon")))
                .hasMessage("join.grace is 'soon'; it must be a duration such as 250ms, 10s, 5m, 1h or PT10S");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("topics.partitions", "0")))
                .hasMessage("topics.partitions is 0; it must be at least 1");
        assertThatThrownBy(() -> ConfigSources.load(null, Map.of(), List.of("novalue")))
                .hasMessageContaining("--set 'novalue' must be key=value");
        assertThatThrownBy(() -> ConfigSources.load(dir.resolve("missing.properties"), Map.of(), List.of()))
                .hasMessageContaining("--config").hasMessageContaining("cannot be read");
    }

    @Test
    void managementAndLoggingKeysHaveDefaultsAndAreChecked() {
        ChatHooksConfig defaults = ChatHooksConfig.defaultConfig();
        assertThat(defaults.management()).isEqualTo(new ChatHooksConfig.Management(true, "0.0.0.0", 9464));
        assertThat(defaults.loggingFormat()).isEqualTo("text");
        assertThat(ChatHooksConfig.of(Map.of("management.enabled", "false", "management.port", "0",
                "logging.format", "json")).management()).isEqualTo(new ChatHooksConfig.Management(false, "0.0.0.0", 0));
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("management.port", "70000")))
                .hasMessage("management.port is 70000; it must be a port from 0 (any free one) to 65535");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("management.enabled", "yes")))
                .hasMessage("management.enabled is 'yes'; it must be true or false");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("logging.format", "xml")))
                .hasMessage("logging.format is 'xml'; it must be text or json");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("management.path", "/x")))
                .hasMessageContaining("management.enabled, management.host, management.port");
        assertThat(ChatHooksConfig.defaultConfig().kafkaProperties()).doesNotContainKey("management.port")
                .doesNotContainKey("logging.format");
    }

    @Test
    void otherKeysPassThroughToKafkaButHookKeysDoNot() {
        ChatHooksConfig config = ChatHooksConfig.of(Map.of("security.protocol", "SSL", "num.stream.threads", "2",
                "hook.push.mode", "send"));

        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SSL")
                .containsEntry("num.stream.threads", "2").doesNotContainKey("hook.push.mode")
                .doesNotContainKey("topics.messages");
    }
}

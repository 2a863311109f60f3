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
    void otherKeysPassThroughToKafkaButHookKeysDoNot() {
        ChatHooksConfig config = ChatHooksConfig.of(Map.of("security.protocol", "SSL", "num.stream.threads", "2",
                "hook.push.mode", "send"));

        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SSL")
                .containsEntry("num.stream.threads", "2").doesNotContainKey("hook.push.mode")
                .doesNotContainKey("topics.messages");
    }
}

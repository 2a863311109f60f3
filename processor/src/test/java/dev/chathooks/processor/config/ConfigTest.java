package dev.chathooks.processor.config;

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

        assertThat(keys)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("bootstrap.servers", "kafka:9092", "hook.push.dry-run-file", "/tmp/push.jsonl"));
    }

    @Test
    void setOverridesTheEnvironmentWhichOverridesTheFile() throws IOException {
        Path file = dir.resolve("chat-hooks.properties");
        Files.writeString(file, "application.id=from-file\ntopics.messages=file.messages\njoin.grace=1s\n");

        Map<String, String> keys = ConfigSources.load(
                file,
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
                .hasMessageContaining("--config")
                .hasMessageContaining("cannot be read");
    }

    @Test
    void managementAndLoggingKeysHaveDefaultsAndAreChecked() {
        ChatHooksConfig defaults = ChatHooksConfig.defaultConfig();
        assertThat(defaults.management()).isEqualTo(new ChatHooksConfig.Management(true, "0.0.0.0", 9464));
        assertThat(defaults.loggingFormat()).isEqualTo("text");
        assertThat(ChatHooksConfig.of(
                                Map.of("management.enabled", "false", "management.port", "0", "logging.format", "json"))
                        .management())
                .isEqualTo(new ChatHooksConfig.Management(false, "0.0.0.0", 0));
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("management.port", "70000")))
                .hasMessage("management.port is 70000; it must be a port from 0 (any free one) to 65535");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("management.enabled", "yes")))
                .hasMessage("management.enabled is 'yes'; it must be true or false");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("logging.format", "xml")))
                .hasMessage("logging.format is 'xml'; it must be text or json");
        assertThat(defaults.loggingLevel()).isEqualTo("INFO");
        assertThat(ChatHooksConfig.of(ConfigSources.fromEnvironment(Map.of("CHAT_HOOKS_LOGGING_LEVEL", "DEBUG")))
                        .loggingLevel())
                .isEqualTo("DEBUG");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("logging.level", "LOUD")))
                .hasMessage("logging.level is 'LOUD'; it must be TRACE or DEBUG or INFO or WARN or ERROR");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("management.path", "/x")))
                .hasMessageContaining("management.enabled, management.host, management.port");
        assertThat(ChatHooksConfig.defaultConfig().kafkaProperties())
                .doesNotContainKey("management.port")
                .doesNotContainKey("logging.format");
    }

    @Test
    void otherKeysPassThroughToKafkaButHookKeysDoNot() {
        ChatHooksConfig config = ChatHooksConfig.of(
                Map.of("security.protocol", "SSL", "num.stream.threads", "2", "hook.push.mode", "send"));

        assertThat(config.kafkaProperties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("num.stream.threads", "2")
                .doesNotContainKey("hook.push.mode")
                .doesNotContainKey("topics.messages");
    }

    @Test
    void aDispatchKeyForOneHookIsCheckedLikeTheKeyForEveryHook() {
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("dispatch.hook.push.retries", "3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dispatch.hook.push.retries")
                .hasMessageContaining("dispatch.hook.push.retry.max-attempts");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("dispatch.hook.push.timeout", "soon")))
                .hasMessage("dispatch.hook.push.timeout is 'soon'; it must be a duration such as 250ms, 10s, 5m, 1h"
                        + " or PT10S");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("dispatch.hook.push.max-in-flight", "0")))
                .hasMessage("dispatch.hook.push.max-in-flight is 0; it must be at least 1");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("dispatch.hook.push.retry.initial-backoff", "1m")))
                .hasMessageContaining("dispatch.retry.max-backoff (30s) must not be less than"
                        + " dispatch.hook.push.retry.initial-backoff (1m)");
    }

    @Test
    void aNumberThatIsNotOneNamesTheKey() {
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("topics.partitions", "six")))
                .hasMessage("topics.partitions is 'six'; it must be a whole number");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("embedded.port", "70000")))
                .hasMessageContaining("embedded.port is 70000");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("application.id", "my app")))
                .hasMessageContaining("application.id is 'my app'");
    }

    @Test
    void keysThatNameAHookMustHaveTheShapeOfOne() {
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("hook.push", "x")))
                .hasMessageContaining("hook.push names no hook key; write hook.<name>.<key>");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("hook.Push.mode", "send")))
                .hasMessageContaining("hook.Push.mode names hook 'Push'");
        assertThatThrownBy(() -> ChatHooksConfig.of(Map.of("instances.eu", "")))
                .hasMessageContaining("instances.eu is ''");
    }

    @Test
    void hookKeysMustNameAHookThatRuns() {
        ChatHooksConfig config = ChatHooksConfig.of(
                Map.of("hook.push.mode", "send", "dispatch.hook.push-eu.timeout", "1s", "instances.push-eu", "push"));

        assertThat(config.instances()).containsExactly(Map.entry("push-eu", "push"));
        config.requireHooks(List.of("push", "push-eu"));
        assertThatThrownBy(() -> config.requireHooks(List.of("push")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("dispatch.hook.push-eu.timeout is for hook 'push-eu'")
                .hasMessageContaining("the hooks that run are push");
        assertThatThrownBy(() -> config.requireHooks(List.of()))
                .hasMessageContaining("no hook is loaded: add one with --plugins PATH");
    }

    @Test
    void instanceAndDispatchKeysAreNotPassedToKafka() {
        ChatHooksConfig config = ChatHooksConfig.of(Map.of(
                "instances.push-eu",
                "push",
                "dispatch.hook.push.timeout",
                "1s",
                "bootstrap.servers",
                "kafka:9092",
                "linger.ms",
                "5"));

        assertThat(config.kafkaProperties()).containsOnlyKeys("bootstrap.servers", "application.id", "linger.ms");
    }

    @Test
    void theConfigurationGuideDocumentsEveryKeyWithItsDefault() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "configuration.md"));

        ConfigKeys.DEFINITION.configKeys().forEach((name, key) -> {
            assertThat(guide).as("docs/configuration.md names %s", name).contains("`" + name + "`");
        });
        ConfigKeys.defaults()
                .forEach((name, value) -> assertThat(guide)
                        .as("docs/configuration.md gives the default of %s", name)
                        .contains("`" + value + "`"));
        assertThat(guide).doesNotContain("DESIGN.md");
    }
}

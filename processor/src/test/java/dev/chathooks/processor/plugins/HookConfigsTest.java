package dev.chathooks.processor.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.HookConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookConfigsTest {
    private static final Map<String, String> CONFIGURATION = Map.of(
            "hook.push.mode", "dry-run",
            "hook.push.apns.key-file", "/etc/push/key.p8",
            "hook.push-audit.mode", "send",
            "hook.push.", "bare prefix",
            "hook.logging.enabled", "true",
            "bootstrap.servers", "localhost:9092",
            "push.mode", "not a hook key");

    @Test
    void givesAHookItsOwnKeysWithThePrefixRemoved() {
        HookConfig config = HookConfigs.forHook("push", CONFIGURATION);

        assertThat(config.asMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "mode", "dry-run",
                        "apns.key-file", "/etc/push/key.p8"));
    }

    @Test
    void aHookWithNoKeysGetsAnEmptyConfiguration() {
        assertThat(HookConfigs.forHook("audit", CONFIGURATION).asMap()).isEmpty();
    }

    @Test
    void theConfigurationNamesFullKeysInErrors() {
        HookConfig config = HookConfigs.forHook("push-audit", CONFIGURATION);

        assertThat(config.asMap()).containsExactly(Map.entry("mode", "send"));
        assertThat(config.fullKey("mode")).isEqualTo("hook.push-audit.mode");
    }
}

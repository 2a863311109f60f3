package dev.chathooks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookTest {
    static final class LoggingHook implements ChatHook {}

    static final class AuditTrailHook implements AsyncChatHook {}

    static final class Webhooks implements ChatHook {}

    @Test
    void theDefaultNameIsTheClassNameInKebabCaseWithoutHook() {
        assertThat(new LoggingHook().name()).isEqualTo("logging");
        assertThat(new AuditTrailHook().name()).isEqualTo("audit-trail");
        assertThat(new Webhooks().name()).isEqualTo("webhooks");
    }

    @Test
    void kindsHaveTheSeedNames() {
        assertThat(HookKind.AFTER_USERS_ADDED_TO_CONVERSATION.seedName())
                .isEqualTo("after_users_added_to_conversation");
        assertThat(HookKind.fromSeedName("typing_started")).contains(HookKind.TYPING_STARTED);
        assertThat(HookKind.fromSeedName("typing")).isEmpty();
        assertThat(HookKind.fromSeedName("TYPING_STARTED")).isEmpty();
        assertThat(HookKind.fromSeedName(null)).isEmpty();
        assertThat(HookKind.values()).hasSize(9);
        for (HookKind kind : HookKind.values()) {
            assertThat(kind.seedName()).isEqualTo(kind.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(HookKind.fromSeedName(kind.seedName())).contains(kind);
        }
    }

    @Test
    void configErrorsNameTheFullKeyAndWhatIsValid() {
        HookConfig config = new HookConfig("push", Map.of("mode", "loud", "max-in-flight", "-1", "timeout", "soon"));

        assertThatThrownBy(() -> config.oneOf("mode", "dry-run", "send", "dry-run"))
                .isInstanceOf(HookConfigException.class)
                .hasMessage("hook.push.mode: is 'loud'; valid values are send, dry-run");
        assertThatThrownBy(() -> config.getInt("max-in-flight", 10, 1)).hasMessageContaining("hook.push.max-in-flight");
        assertThatThrownBy(() -> config.getDuration("timeout", Duration.ZERO)).hasMessageContaining("250ms");
        assertThatThrownBy(() -> config.require("apns.key-id", "the key id"))
                .isInstanceOf(HookConfigException.class)
                .satisfies(e -> assertThat(((HookConfigException) e).key()).isEqualTo("hook.push.apns.key-id"));
    }

    @Test
    void configReadsTypedValues() {
        HookConfig config = new HookConfig("push", Map.of("a", " 5 ", "b", "true", "c", "250ms", "d", "PT2S"));

        assertThat(config.getInt("a", 0, 1)).isEqualTo(5);
        assertThat(config.getBoolean("b", false)).isTrue();
        assertThat(config.getDuration("c", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(config.getDuration("d", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.get("missing", "fallback")).isEqualTo("fallback");
        assertThat(config.toString()).doesNotContain("250ms");
    }
}

package dev.chathooks.processor.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.api.ChatHook;
import dev.chathooks.api.HookConfigException;
import dev.chathooks.api.HookContext;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.plugins.LoadedHook;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the host starts hooks with their configuration, and refuses keys that a hook does not read. */
class HookHostTest {
    /** Reads {@code greeting} in start, as hooks read their keys. */
    static final class GreeterHook implements ChatHook {
        volatile String greeting;
        volatile boolean closed;

        @Override
        public String name() {
            return "greeter";
        }

        @Override
        public void start(HookContext context) {
            greeting = context.config().get("greeting", "hello");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Checks its own keys, as the push hook does: it reads the whole map. */
    static final class SelfCheckingHook implements ChatHook {
        @Override
        public String name() {
            return "self-checking";
        }

        @Override
        public void start(HookContext context) {
            for (String key : context.config().asMap().keySet()) {
                if (!Set.of("mode", "level").contains(key)) {
                    throw new HookConfigException(context.config().fullKey(key), "is not a key of this hook");
                }
            }
        }
    }

    private static HookHost host(Map<String, String> keys, ChatHook... hooks) {
        return new HookHost(
                List.of(hooks).stream().map(LoadedHook::of).toList(), ChatHooksConfig.of(keys), topic -> null);
    }

    @Test
    void aHookGetsItsOwnKeysInStart() {
        GreeterHook greeter = new GreeterHook();
        try (HookHost host = host(Map.of("hook.greeter.greeting", "hi"), greeter)) {
            host.start();
        }

        assertThat(greeter.greeting).isEqualTo("hi");
    }

    @Test
    void aMisspeltKeyOfAHookIsRefusedNamingTheKeysTheHookRead() {
        GreeterHook greeter = new GreeterHook();
        HookHost host = host(Map.of("hook.greeter.gretting", "hi"), greeter);

        assertThatThrownBy(host::start)
                .isInstanceOf(HookStartException.class)
                .hasMessageContaining("did not read hook.greeter.gretting")
                .hasMessageContaining("the keys it reads are hook.greeter.greeting");
        assertThat(greeter.closed).as("the hook refused is closed").isTrue();
    }

    @Test
    void aHookThatReadsItsWholeConfigurationChecksItsKeysItself() {
        try (HookHost host =
                host(Map.of("hook.self-checking.mode", "a", "hook.self-checking.level", "2"), new SelfCheckingHook())) {
            host.start();
        }
        HookHost host = host(Map.of("hook.self-checking.mdoe", "a"), new SelfCheckingHook());

        assertThatThrownBy(host::start)
                .isInstanceOf(HookStartException.class)
                .hasMessageContaining("hook.self-checking.mdoe")
                .hasMessageContaining("is not a key of this hook");
    }
}

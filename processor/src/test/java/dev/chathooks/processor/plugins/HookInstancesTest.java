package dev.chathooks.processor.plugins;

import static dev.chathooks.processor.plugins.TestEvents.calls;
import static dev.chathooks.processor.plugins.TestEvents.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.config.ConfigException;
import dev.chathooks.processor.hosting.HookHost;
import dev.chathooks.processor.hosting.HookStartException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hook instances ({@code instances.<name>=<hook>}) and the checks of the keys that name hooks, with the {@code good}
 * test plugin: hook {@code greeting}, which reads one key, {@code greeting}, in {@code start}.
 */
class HookInstancesTest {
    private final PluginLoader loader = new PluginLoader(TestPlugins.hostWithoutHooks());
    private final List<LoadedHook> loaded = loader.load(List.of(TestPlugins.jar("good")));

    @AfterEach
    void closeLoader() {
        loader.close();
    }

    private static ChatHooksConfig config(Map<String, String> keys) {
        return ChatHooksConfig.of(keys);
    }

    @Test
    void anInstanceIsAnotherObjectOfTheHooksClassUnderItsOwnName() {
        List<LoadedHook> running = HookInstances.resolve(loaded, config(Map.of("instances.welcome", "greeting")));

        assertThat(running).extracting(LoadedHook::name).containsExactly("greeting", "welcome");
        LoadedHook instance = running.get(1);
        assertThat(instance.hook())
                .isNotSameAs(loaded.get(0).hook())
                .hasSameClassAs(loaded.get(0).hook());
        assertThat(instance.classLoader()).isSameAs(loaded.get(0).classLoader());
        assertThat(instance.kinds()).isEqualTo(loaded.get(0).kinds());
        assertThat(instance.origin()).isEqualTo(loaded.get(0).origin());
    }

    @Test
    void eachInstanceStartsWithItsOwnConfiguration() throws Exception {
        ChatHooksConfig config = config(Map.of(
                "instances.welcome",
                "greeting",
                "hook.greeting.greeting",
                "hello",
                "hook.welcome.greeting",
                "welcome"));
        try (HookHost host = new HookHost(loaded, config, topic -> null)) {
            host.start();
            sendMessage(host.hooks().get(0), "e-1");
            sendMessage(host.hooks().get(1), "e-1");

            assertThat(calls(host.hooks().get(0))).containsExactly("hello after_message_sent e-1");
            assertThat(calls(host.hooks().get(1))).containsExactly("welcome after_message_sent e-1");
        }
    }

    @Test
    void anInstanceOfAHookThatIsNotLoadedNamesTheHooksFound() {
        assertThatThrownBy(() -> HookInstances.resolve(loaded, config(Map.of("instances.welcome", "greter"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("instances.welcome=greter")
                .hasMessageContaining("the hooks found are greeting");
    }

    @Test
    void anInstanceNamedLikeAHookIsRefused() {
        assertThatThrownBy(() -> HookInstances.resolve(loaded, config(Map.of("instances.greeting", "greeting"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("instances.greeting")
                .hasMessageContaining("give the instance another name");
    }

    @Test
    void keysForAHookThatDoesNotRunAreRefusedNamingTheKeyAndTheHooksThatRun() {
        assertThatThrownBy(
                        () -> new HookHost(loaded, config(Map.of("dispatch.hook.greter.timeout", "1s")), topic -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("dispatch.hook.greter.timeout is for hook 'greter'")
                .hasMessageContaining("the hooks that run are greeting");
        assertThatThrownBy(() -> new HookHost(loaded, config(Map.of("hook.greter.x", "1")), topic -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hook.greter.x is for hook 'greter'");
    }

    @Test
    void keysForAnInstanceAreTheInstancesOwn() {
        ChatHooksConfig config = config(Map.of(
                "instances.welcome", "greeting", "hook.welcome.greeting", "hi", "dispatch.hook.welcome.timeout", "1s"));

        assertThat(new HookHost(loaded, config, topic -> null).hooks())
                .extracting(LoadedHook::name)
                .containsExactly("greeting", "welcome");
    }

    @Test
    void aKeyTheHookDidNotReadInStartIsRefusedNamingTheKeysItRead() {
        HookHost host = new HookHost(loaded, config(Map.of("hook.greeting.gretting", "hi")), topic -> null);

        assertThatThrownBy(host::start)
                .isInstanceOf(HookStartException.class)
                .hasMessageContaining("Hook 'greeting'")
                .hasMessageContaining("did not read hook.greeting.gretting")
                .hasMessageContaining("the keys it reads are hook.greeting.greeting");
    }
}

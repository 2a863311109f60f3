package dev.chathooks.processor.plugins;

import static dev.chathooks.processor.plugins.TestEvents.calls;
import static dev.chathooks.processor.plugins.TestEvents.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.api.HookKind;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
    private final ClassLoader host = TestPlugins.hostWithoutHooks();

    @Test
    void loadsAHookFromAPluginJar() throws Exception {
        Path jar = TestPlugins.jar("good");
        try (PluginLoader loader = new PluginLoader(host)) {
            List<LoadedHook> hooks = loader.load(List.of(jar));

            assertThat(hooks).hasSize(1);
            LoadedHook hook = hooks.get(0);
            assertThat(hook.name()).isEqualTo("greeting");
            assertThat(hook.pluginPath()).contains(jar);
            assertThat(hook.origin()).isEqualTo("plugin " + jar);
            assertThat(hook.async()).isFalse();
            assertThat(hook.kinds()).containsExactlyInAnyOrder(HookKind.AFTER_MESSAGE_SENT, HookKind.TYPING_STARTED);
            assertThat(hook.handles(HookKind.AFTER_MESSAGE_DELETED)).isFalse();
            assertThat(hook.classLoader()).isInstanceOf(PluginClassLoader.class).isNotSameAs(host);
            assertThat(hook.hook().getClass().getClassLoader()).isSameAs(hook.classLoader());

            sendMessage(hook, "e-1");
            assertThat(calls(hook)).containsExactly("greeting after_message_sent e-1");
        }
    }

    @Test
    void loadsAnAsyncHookWithItsDefaultName() {
        try (PluginLoader loader = new PluginLoader(host)) {
            LoadedHook hook =
                    loader.load(List.of(TestPlugins.jar("async-good"))).get(0);

            assertThat(hook.name()).isEqualTo("async-audit");
            assertThat(hook.async()).isTrue();
            assertThat(hook.kinds()).containsExactly(HookKind.AFTER_CONVERSATION_CREATED);
            assertThat(hook.asyncChatHook()).isSameAs(hook.hook());
            assertThatThrownBy(hook::chatHook).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void loadsHooksRegisteredOnTheHostClassPath() throws Exception {
        try (URLClassLoader classPath = new URLClassLoader(
                        new URL[] {TestPlugins.jar("good").toUri().toURL()}, host);
                PluginLoader loader = new PluginLoader(classPath)) {
            List<LoadedHook> hooks = loader.load(List.of());

            assertThat(hooks).singleElement().satisfies(hook -> {
                assertThat(hook.name()).isEqualTo("greeting");
                assertThat(hook.pluginPath()).isEmpty();
                assertThat(hook.origin()).isEqualTo("the class path");
                assertThat(hook.classLoader()).isSameAs(classPath);
            });
        }
    }

    @Test
    void findsNoHookWhenNoneIsRegistered() {
        try (PluginLoader loader = new PluginLoader(host)) {
            assertThat(loader.load(List.of())).isEmpty();
        }
    }

    @Test
    void loadsEveryHookOfOneKindFromTwoPluginsAndEachCanBeCalled() throws Exception {
        try (PluginLoader loader = new PluginLoader(host)) {
            List<LoadedHook> hooks = loader.load(List.of(TestPlugins.jar("good"), TestPlugins.jar("second-sent")));

            assertThat(hooks).extracting(LoadedHook::name).containsExactly("greeting", "second-sent");
            assertThat(hooks)
                    .allSatisfy(hook -> assertThat(hook.handles(HookKind.AFTER_MESSAGE_SENT))
                            .isTrue());
            assertThat(hooks.get(0).classLoader()).isNotSameAs(hooks.get(1).classLoader());

            for (LoadedHook hook : hooks) {
                sendMessage(hook, "e-7");
            }
            assertThat(calls(hooks.get(0))).containsExactly("greeting after_message_sent e-7");
            assertThat(calls(hooks.get(1))).containsExactly("second-sent after_message_sent e-7");
        }
    }

    @Test
    void loadsAPluginFolderWhoseJarsFormOnePlugin(@TempDir Path dir) throws Exception {
        Path folder = TestPlugins.folder(dir, "greeter", "needs-helper", "helper-lib");
        try (PluginLoader loader = new PluginLoader(host)) {
            LoadedHook hook = loader.load(List.of(folder)).get(0);

            assertThat(hook.name()).isEqualTo("helper-using");
            assertThat(hook.pluginPath()).contains(folder);
            // The helper class from the other JAR was loaded by the same plugin class loader as the hook.
            assertThat(TestEvents.ask(hook, "ann"))
                    .isEqualTo("hello ann from " + hook.classLoader().getName());
            sendMessage(hook, "e-2");
        }
    }

    @Test
    void listsClassPathHooksFirstThenPluginsInTheOrderGiven() throws Exception {
        try (URLClassLoader classPath = new URLClassLoader(
                        new URL[] {TestPlugins.jar("good").toUri().toURL()}, host);
                PluginLoader loader = new PluginLoader(classPath)) {
            List<LoadedHook> hooks =
                    loader.load(List.of(TestPlugins.jar("second-sent"), TestPlugins.jar("async-good")));

            assertThat(hooks).extracting(LoadedHook::name).containsExactly("greeting", "second-sent", "async-audit");
        }
    }

    @Test
    void aLoaderLoadsOnce() {
        try (PluginLoader loader = new PluginLoader(host)) {
            loader.load(List.of());

            assertThatThrownBy(() -> loader.load(List.of())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closingTheLoaderClosesThePluginClassLoaders() {
        LoadedHook hook;
        try (PluginLoader loader = new PluginLoader(host)) {
            hook = loader.load(List.of(TestPlugins.jar("good"))).get(0);
            assertThat(hook.classLoader().getResource("META-INF/services/dev.chathooks.api.ChatHook"))
                    .isNotNull();
        }
        assertThat(hook.classLoader().getResource("META-INF/services/dev.chathooks.api.ChatHook"))
                .isNull();
    }
}

package dev.chathooks.processor.plugins;

import static dev.chathooks.processor.plugins.TestEvents.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.api.ChatHook;
import dev.chathooks.processor.plugins.fixture.SharedLibrary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plugin sees: its own JARs, the JDK and the hook API; never the host's other classes, nor other plugins. */
class PluginIsolationTest {
    private final PluginLoader loader = new PluginLoader(TestPlugins.hostWithoutHooks());
    private LoadedHook probe;

    @BeforeEach
    void loadProbe() {
        probe = loader.load(List.of(TestPlugins.jar("probe"))).get(0);
    }

    @AfterEach
    void close() {
        loader.close();
    }

    @Test
    void aClassInBothHostAndPluginResolvesToThePluginsCopy() {
        assertThat(SharedLibrary.origin()).isEqualTo("host");

        assertThat(ask(probe, "shared-library")).isEqualTo("plugin");
        assertThat(ask(probe, "load:" + SharedLibrary.class.getName())).isEqualTo("plugin");
    }

    @Test
    void theHostsLibrariesAreNotVisibleToAPlugin() throws Exception {
        Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
        Class.forName("org.slf4j.Logger");

        assertThat(ask(probe, "load:com.fasterxml.jackson.databind.ObjectMapper"))
                .isEqualTo("not visible");
        assertThat(ask(probe, "load:org.slf4j.Logger")).isEqualTo("not visible");
        assertThat(ask(probe, "load:org.apache.kafka.clients.consumer.KafkaConsumer"))
                .isEqualTo("not visible");
        assertThat(ask(probe, "load:" + PluginLoader.class.getName())).isEqualTo("not visible");
    }

    @Test
    void theHookApiComesFromTheHostAndTheJdkFromTheJdk() {
        assertThat(ask(probe, "load:" + ChatHook.class.getName()))
                .isEqualTo(String.valueOf(ChatHook.class.getClassLoader().getName()));
        assertThat(ask(probe, "load:java.sql.Connection")).isEqualTo("platform");
        assertThat(ask(probe, "load:java.lang.String")).isEqualTo("boot");
    }

    @Test
    void pluginsLoadedTogetherDoNotSeeEachOthersClasses(@TempDir Path dir) throws Exception {
        Path greeter = TestPlugins.folder(dir, "greeter", "needs-helper", "helper-lib");
        try (PluginLoader together = new PluginLoader(TestPlugins.hostWithoutHooks())) {
            List<LoadedHook> hooks = together.load(List.of(greeter, TestPlugins.jar("probe")));

            assertThat(ask(hooks.get(0), "ann")).startsWith("hello ann");
            assertThat(ask(hooks.get(1), "load:test.helper.Greeter")).isEqualTo("not visible");
        }
    }

    @Test
    void aPluginThatBundlesTheHookApiStillUsesTheHostsApi(@TempDir Path dir) throws Exception {
        Path jar = TestPlugins.withHookApiBundled("probe", dir.resolve("probe-with-api.jar"));
        try (PluginLoader another = new PluginLoader(TestPlugins.hostWithoutHooks())) {
            LoadedHook bundling = another.load(List.of(jar)).get(0);

            assertThat(bundling.hook()).isInstanceOf(ChatHook.class);
            assertThat(ask(bundling, "load:" + ChatHook.class.getName()))
                    .isEqualTo(String.valueOf(ChatHook.class.getClassLoader().getName()));
        }
    }

    @Test
    void theHookIsConstructedWithItsOwnContextClassLoader() {
        assertThat(ask(probe, "context-loader-at-construction")).isEqualTo("plugin");
    }

    @Test
    @SuppressWarnings("try") // the swap is held for its effect on the thread
    void theContextClassLoaderIsTheHooksDuringACallAndRestoredAfter() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        assertThat(ask(probe, "context-loader-now")).isEqualTo("other");

        try (ContextClassLoaderSwap ignored = probe.swapContextClassLoader()) {
            assertThat(ask(probe, "context-loader-now")).isEqualTo("plugin");
        }

        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
        assertThat(ask(probe, "context-loader-now")).isEqualTo("other");
    }
}

package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.plugins.HookInstances;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.plugins.PluginLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webhook instances the docs show are a configuration that {@code run} accepts with the webhook plugin: the
 * same checks of Chat Hooks' keys, instance names and the hooks that keys name, before anything starts.
 */
class WebhookInstancesDocsTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path WEBHOOK_PLUGIN = REPO.resolve("examples/webhook/target/plugin");

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "examples/webhook/README.md"})
    void theWebhookInstancesExampleIsAConfigurationRunAccepts(String doc) throws IOException {
        Map<String, String> keys = propertiesBlockWith(REPO.resolve(doc), "instances.audit=webhook");
        ChatHooksConfig config = ChatHooksConfig.of(keys);
        List<LoadedHook> loaded = new PluginLoader(getClass().getClassLoader()).load(List.of(WEBHOOK_PLUGIN));

        List<LoadedHook> running = HookInstances.resolve(loaded, config);

        assertThat(running).extracting(LoadedHook::name).containsExactly("webhook", "audit");
        assertThat(keys).containsKeys("hook.webhook.url", "hook.webhook.secret", "hook.audit.url", "hook.audit.secret");
    }

    /** The keys of the doc's first {@code properties} code block that holds {@code line}. */
    private static Map<String, String> propertiesBlockWith(Path doc, String line) throws IOException {
        String text = Files.readString(doc);
        int at = text.indexOf(line);
        assertThat(at).as(doc + " shows " + line).isNotNegative();
        int start = text.lastIndexOf("```properties\n", at);
        int end = text.indexOf("```", at);
        assertThat(start).as("a properties block in " + doc).isNotNegative();
        Properties properties = new Properties();
        properties.load(new StringReader(text.substring(start + "```properties\n".length(), end)));
        Map<String, String> keys = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> keys.put(name, properties.getProperty(name)));
        return keys;
    }
}

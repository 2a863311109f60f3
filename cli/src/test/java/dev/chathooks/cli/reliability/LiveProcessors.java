package dev.chathooks.cli.reliability;

import dev.chathooks.api.Hook;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.testsupport.TestTopics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Processor instances in this JVM for the in-process fault tests: one application with topic names of its own
 * on the given broker, and the {@code --set} keys each test adds. Closes what it started.
 */
final class LiveProcessors implements AutoCloseable {
    private final Path dir;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<ChatHooksRuntime> started = new ArrayList<>();

    LiveProcessors(String bootstrapServers, Path dir, String name) {
        this.dir = dir;
        String app = TestTopics.uniqueName(name);
        keys.put("bootstrap.servers", bootstrapServers);
        keys.put("application.id", app);
        for (String topic : List.of("conversations", "messages", "typing", "users", "devices", "dlq")) {
            keys.put("topics." + topic, app + "." + topic);
        }
        keys.put("topics.partitions", "4");
        // Hook consumers start as soon as the topology runs; a short commit interval keeps the tests brisk.
        keys.put("commit.interval.ms", "200");
    }

    /** Sets a configuration key for the instances started from now on. */
    LiveProcessors set(String key, String value) {
        keys.put(key, value);
        return this;
    }

    Map<String, String> keys() {
        return keys;
    }

    ChatHooksConfig config() {
        return ChatHooksConfig.of(keys);
    }

    String bootstrapServers() {
        return keys.get("bootstrap.servers");
    }

    /** The name of an input topic: {@code conversations}, {@code messages}, {@code typing}, or {@code dlq}. */
    String topic(String name) {
        return keys.get("topics." + name);
    }

    /** Starts an instance with its state under {@code <dir>/<instance>}; returns when its hooks consume. */
    ChatHooksRuntime start(String instance, Hook... hooks) {
        List<LoadedHook> loaded = new ArrayList<>();
        for (Hook hook : hooks) {
            loaded.add(LoadedHook.of(hook));
        }
        ChatHooksRuntime runtime = ChatHooksRuntime.start(
                new ChatHooksRuntime.Options(config(), loaded, dir.resolve(instance), null, message -> {}, null));
        started.add(runtime);
        return runtime;
    }

    @Override
    public void close() {
        started.forEach(ChatHooksRuntime::close);
    }
}

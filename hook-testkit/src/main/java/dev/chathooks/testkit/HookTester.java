package dev.chathooks.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.Hook;
import dev.chathooks.devtools.dump.DumpFormatException;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.devtools.replay.ReplayOutput;
import dev.chathooks.devtools.replay.Replayer;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.config.ConfigException;
import dev.chathooks.processor.dispatch.HookArguments;
import dev.chathooks.processor.dispatch.RetryWaits;
import dev.chathooks.processor.hosting.HookHost;
import dev.chathooks.processor.hosting.HookStartException;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.testkit.InMemoryHookContext.RecordingWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs chat traffic through one hook the way the processor does, in process and without a broker: the real
 * enrichment topology (in Kafka Streams' {@code TopologyTestDriver}) and the real dispatch path of
 * {@code chat-hooks run} and {@code replay} (participants resolved from the users table, the kind filter,
 * de-duplication, the hook's timeout, retries and dead letters), and tells what happened in a {@link HookRun}.
 *
 * <pre>{@code
 * HookRun run = HookTester.of(new MyHook()).config("greeting", "hi").run(ChatTraffic.create()
 *         .user("alice").user("bob")
 *         .conversationCreated("c-1", "Hike", "alice", "bob")
 *         .messageSent("alice", "c-1", "Who is in?"));
 * assertThat(run.calls()).hasSize(2);
 * }</pre>
 *
 * <p>Contract:
 * <ol>
 *   <li>Each {@code run} starts the hook with its context ({@code hook.<name>.*} configuration from
 *       {@link #config}, lookup tables filled from the traffic's records, topic writers that keep what they are
 *       given), feeds the traffic in order, and closes the hook: a hook whose {@code start} fails, or a key
 *       set with {@link #config} or {@link #set} that is unknown or invalid, makes {@code run} throw a
 *       {@link TesterSetupException} naming the hook or the key.</li>
 *   <li>Calls are made one at a time, in the traffic's order, as {@code replay} makes them.</li>
 *   <li>Retries are made as configured ({@code dispatch.retry.max-attempts}, default 5) without waiting out
 *       their backoff; a call that times out ({@code dispatch.timeout}) still takes that long.</li>
 *   <li>Not thread-safe; a tester may run several times, each run independent of the others.</li>
 * </ol>
 * Plain Java: usable from JUnit 5 or any other test framework, with no extension.
 */
public final class HookTester {
    private final Hook hook;
    private final String name;
    private final Map<String, String> keys = new LinkedHashMap<>();

    private HookTester(Hook hook) {
        this.hook = Objects.requireNonNull(hook, "hook is null");
        this.name = hook.name();
    }

    /** A tester of {@code hook} (a {@code ChatHook} or an {@code AsyncChatHook}). */
    public static HookTester of(Hook hook) {
        return new HookTester(hook);
    }

    /** Sets the hook's configuration key {@code key} (as {@code hook.<name>.<key>} would in production). */
    public HookTester config(String key, String value) {
        keys.put("hook." + name + "." + key, value);
        return this;
    }

    /**
     * Sets a key of the processor's own configuration, such as {@code dispatch.retry.max-attempts},
     * {@code dispatch.dedup-window}, {@code typing.coalesce-window} or a topic's name ({@code topics.messages},
     * {@code topics.devices}, ...: {@link ChatTraffic}'s records go to the topics so named, and dead letters name
     * them). Checked when the tester runs.
     */
    public HookTester set(String key, String value) {
        keys.put(key, value);
        return this;
    }

    /** Runs {@code traffic} through the hook, on the topic names configured with {@link #set}. */
    public HookRun run(ChatTraffic traffic) {
        return run((replayer, topics) ->
                replayer.replay(onTopics(traffic.records(), topics).iterator()));
    }

    /** The traffic's records with each of its default topic names replaced by the configured one. */
    private static List<DumpRecord> onTopics(List<DumpRecord> records, ChatHooksConfig.Topics topics) {
        Map<String, String> names = Map.of(
                ChatTraffic.CONVERSATIONS,
                topics.conversations(),
                ChatTraffic.MESSAGES,
                topics.messages(),
                ChatTraffic.TYPING,
                topics.typing(),
                ChatTraffic.USERS,
                topics.users(),
                ChatTraffic.DEVICES,
                topics.devices());
        return records.stream()
                .map(record -> new DumpRecord(
                        names.getOrDefault(record.topic(), record.topic()),
                        record.key(),
                        record.timestamp(),
                        record.value(),
                        record.headers()))
                .toList();
    }

    /**
     * Runs a topic dump (as {@code chat-hooks dump} writes) through the hook, on the topics it names (which the
     * configured {@code topics.*} names must match for the topology to read them). The whole dump is read first: a
     * malformed line fails the run before the hook is called.
     *
     * @throws IOException if the file cannot be read
     * @throws BadDumpException naming the first malformed line, or the topics the configuration does not name
     */
    public HookRun run(Path dump) throws IOException {
        try {
            return run((replayer, topics) -> replayer.replay(dump));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (DumpFormatException e) {
            throw new BadDumpException(e.getMessage(), e);
        }
    }

    private interface Feed {
        void into(Replayer replayer, ChatHooksConfig.Topics topics) throws IOException;
    }

    private HookRun run(Feed feed) {
        Recorder recorder = new Recorder();
        Map<String, RecordingWriter> writers = new ConcurrentHashMap<>();
        HookFigures figures = new HookFigures();
        try {
            ChatHooksConfig config = ChatHooksConfig.of(keys);
            try (HookHost host = new HookHost(
                    List.of(LoadedHook.of(hook)),
                    config,
                    topic -> writers.computeIfAbsent(topic, RecordingWriter::new),
                    figures::forHook)) {
                host.start();
                try (Replayer replayer = new Replayer(config, host, recorder, RetryWaits.SKIPPED)) {
                    feed.into(replayer, config.topics());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new TesterSetupException(e.getMessage(), e);
        } catch (HookStartException e) {
            // the hook's own exception (such as a HookConfigException) is the cause worth asserting on
            throw new TesterSetupException(e.getMessage(), e.getCause());
        }
        Map<String, List<WrittenRecord>> written = new LinkedHashMap<>();
        writers.forEach((topic, writer) -> written.put(topic, writer.records()));
        return new HookRun(recorder.calls, recorder.deadLetters, written, figures);
    }

    /** Keeps what the replay reports. */
    private static final class Recorder implements ReplayOutput {
        final List<HookCall> calls = Collections.synchronizedList(new ArrayList<>());
        final List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void invocation(ObjectNode line) {
            // the calls are recorded with their typed arguments, in finished()
        }

        @Override
        public void deadLetter(dev.chathooks.processor.deadletter.DeadLetter letter) {
            byte[] key = letter.key();
            deadLetters.add(new DeadLetter(
                    letter.sourceTopic(),
                    key == null ? null : new String(key, StandardCharsets.UTF_8),
                    Instant.ofEpochMilli(letter.timestamp()),
                    letter.code(),
                    letter.reason(),
                    Optional.ofNullable(letter.hook()),
                    letter.attempts(),
                    letter.value()));
        }

        @Override
        public void flush() {}

        @Override
        public void finished(LoadedHook hook, HookArguments a) {
            calls.add(new HookCall(
                    a.event(),
                    a.conversation(),
                    a.participants(),
                    Optional.ofNullable(a.message()),
                    a.events(),
                    a.users()));
        }
    }
}

package dev.chathooks.cli.reliability;

import dev.chathooks.cli.ChatHooksCommand;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.TestJvm;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code chat-hooks run} instance in a JVM of its own, with the test's class path plus a folder that registers
 * the {@link JournalHook}s, so a test can kill it with SIGKILL like any process.
 */
final class ProcessorProcess implements AutoCloseable {
    private final String name;
    private final Path log;
    private final Process process;

    private ProcessorProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code chat-hooks run} with {@code arguments}; its output goes to {@code <work>/<name>.log}.
     *
     * @param hooks a folder holding {@code META-INF/services} files that name the hooks to load
     */
    static ProcessorProcess start(String name, Path work, Path hooks, List<String> arguments) {
        // RocksDB unpacks its 15 MB native library into java.io.tmpdir and deletes it at exit, which a process
        // killed with SIGKILL never reaches: in the test's own folder, it goes with the folder.
        Path tmp = work.resolve(name + ".tmp");
        List<String> command = TestJvm.command();
        command.addAll(List.of(
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path") + File.pathSeparator + hooks,
                ChatHooksCommand.class.getName(),
                "run",
                // Several instances run on one machine: each takes a free management port.
                "--set",
                "management.port=0"));
        command.addAll(arguments);
        Path log = work.resolve(name + ".log");
        try {
            Files.createDirectories(tmp);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ProcessorProcess(name, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Writes the services file that makes {@code hookClasses} hooks on the class path, into {@code folder}. */
    static Path hooksFolder(Path folder, Class<?>... hookClasses) {
        Path services = folder.resolve("META-INF/services/dev.chathooks.api.ChatHook");
        StringBuilder names = new StringBuilder();
        for (Class<?> hookClass : hookClasses) {
            names.append(hookClass.getName()).append('\n');
        }
        try {
            Files.createDirectories(services.getParent());
            Files.writeString(services, names, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** Waits until the instance says it runs (its hooks consume), failing if it exits first. */
    void awaitRunning() {
        Await.until(
                name + " is running",
                Duration.ofSeconds(120),
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    return output().contains("Chat Hooks is running");
                },
                () -> "see " + log);
    }

    /** Everything it printed so far. */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL: the process ends at once, mid-call, with nothing flushed or committed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the process finishes its in-flight calls, commits and exits. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Kills it if it still runs, and keeps its output in {@code target/reliability-logs} for a look afterwards. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Path kept = Path.of("target", "reliability-logs", name + ".log");
            Files.createDirectories(kept.getParent());
            if (Files.exists(log)) {
                Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Only a convenience for reading the logs afterwards.
        }
    }
}

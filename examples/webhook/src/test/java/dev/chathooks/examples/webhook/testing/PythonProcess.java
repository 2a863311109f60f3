package dev.chathooks.examples.webhook.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code python3} process running a hooks file that calls {@code chat_hooks.serve()}: started with {@code PORT=0},
 * it is ready when it prints the port it serves on. Its output lines are kept for the test to read.
 */
public final class PythonProcess implements AutoCloseable {
    /** The folder of {@code chat_hooks.py} and the examples, from the module's folder (the tests' working folder). */
    public static final Path PYTHON_DIR = Path.of("python").toAbsolutePath();

    private static final Pattern SERVING =
            Pattern.compile("chat_hooks: serving \\d+ hook function\\(s\\) on " + "http://[^:]+:(\\d+)");

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stderr = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private PythonProcess(Process process) {
        this.process = process;
        Thread out = new Thread(() -> readLines(process.inputReader(StandardCharsets.UTF_8), false), "python-out");
        Thread err = new Thread(() -> readLines(process.errorReader(StandardCharsets.UTF_8), true), "python-err");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /** Whether {@code python3} can be run here; the tests that need it are skipped otherwise. */
    public static boolean available() {
        try {
            Process probe = new ProcessBuilder("python3", "--version")
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code python3 script} with {@code WEBHOOK_SECRET=secret} on a free port, and waits until it serves. */
    public static PythonProcess serve(Path script, String secret) throws Exception {
        return serve(script, secret, PYTHON_DIR);
    }

    /**
     * As {@link #serve(Path, String)}, for a test of another module: {@code pythonDir} is the folder of
     * {@code chat_hooks.py} and the examples, which the script can import.
     */
    public static PythonProcess serve(Path script, String secret, Path pythonDir) throws Exception {
        return start(List.of(script.toAbsolutePath().toString()), secret, pythonDir);
    }

    /**
     * Runs {@code python3 -m chat_hooks hooksFile} in the Python folder with {@code WEBHOOK_SECRET=secret} on a free
     * port: a file of decorated functions that does not call {@code serve()}, served by the module.
     */
    public static PythonProcess serveWithModule(Path hooksFile, String secret) throws Exception {
        return start(List.of("-m", "chat_hooks", hooksFile.toAbsolutePath().toString()), secret, PYTHON_DIR);
    }

    private static PythonProcess start(List<String> args, String secret, Path pythonDir) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("python3");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(pythonDir.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", "0");
        env.put("WEBHOOK_SECRET", secret);
        env.put("PYTHONPATH", pythonDir.toAbsolutePath().toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        PythonProcess python = new PythonProcess(builder.start());
        try {
            python.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            python.close();
            throw new IllegalStateException("the Python receiver did not start; it printed " + python.stderr(), e);
        }
        return python;
    }

    /**
     * Runs {@code python3 args...} in the Python folder to its end.
     *
     * @return the exit code and everything printed
     */
    public static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("python3");
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(PYTHON_DIR.toFile()).redirectErrorStream(true);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), output);
    }

    /** How a finished process ended. */
    public record Result(int exitCode, String output) {}

    private void readLines(BufferedReader reader, boolean isStderr) {
        try (reader) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!isStderr) {
                    stdout.add(line);
                    continue;
                }
                synchronized (stderr) {
                    stderr.add(line);
                }
                Matcher matcher = SERVING.matcher(line);
                if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            port.completeExceptionally(new IllegalStateException("the process ended"));
        }
    }

    /** The URL it serves. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port.join() + "/");
    }

    /** The next line it printed to stdout, waiting for it up to a minute; null if none came. */
    public String nextLine() throws InterruptedException {
        return stdout.poll(60, TimeUnit.SECONDS);
    }

    /** What it printed to stderr so far. */
    public List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

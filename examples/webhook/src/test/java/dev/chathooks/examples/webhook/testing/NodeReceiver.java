package dev.chathooks.examples.webhook.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node receiver of {@code node/receiver.js} (the reference {@code cloudevents} and {@code standardwebhooks}
 * packages), its dependencies installed from npm by {@link #install()} with the folder's own {@code package.json}
 * and {@code package-lock.json}.
 */
public final class NodeReceiver implements AutoCloseable {
    /** The receiver's folder, from the module's folder (the tests' working folder). */
    public static final Path NODE_DIR = Path.of("node").toAbsolutePath();

    private static final Pattern LISTENING = Pattern.compile("receiver: listening on http://localhost:(\\d+)/");

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private NodeReceiver(Process process) {
        this.process = process;
        Thread out = new Thread(() -> read(process.inputReader(StandardCharsets.UTF_8), false), "node-out");
        Thread err = new Thread(() -> read(process.errorReader(StandardCharsets.UTF_8), true), "node-err");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /**
     * Runs {@code npm ci} in the receiver's folder.
     *
     * @return null when it installed, else why not (no npm, or the registry cannot be reached)
     */
    public static String install() {
        try {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(NODE_DIR.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                return "npm ci took more than five minutes";
            }
            return npm.exitValue() == 0 ? null : "npm ci failed: " + output;
        } catch (IOException e) {
            return "npm cannot be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Starts {@code node receiver.js} on a free port with {@code WEBHOOK_SECRET=secret}, and waits until it listens. */
    public static NodeReceiver start(String secret) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "receiver.js").directory(NODE_DIR.toFile());
        builder.environment().put("PORT", "0");
        builder.environment().put("WEBHOOK_SECRET", secret);
        builder.environment().put("REPORT_EVERY_MS", "200");
        NodeReceiver node = new NodeReceiver(builder.start());
        try {
            node.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            node.close();
            throw new IllegalStateException("the Node receiver did not start; it printed " + node.stderr, e);
        }
        return node;
    }

    private void read(BufferedReader reader, boolean isStderr) {
        try (reader) {
            String line;
            while ((line = reader.readLine()) != null) {
                (isStderr ? stderr : stdout).add(line);
                Matcher matcher = LISTENING.matcher(line);
                if (isStderr && matcher.find()) {
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

    /** The first line it prints to stderr (it prints its counts every 200 ms) that starts so, within a minute. */
    public String awaitReport(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            for (String line : stderr) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line starting with '" + prefix + "' in " + stderr);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package dev.chathooks.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A command's answer to SIGTERM and Ctrl-C while it produces: the JVM's shutdown hook says {@link #requested()}, then
 * waits (at most {@code grace}) until the command calls {@link #finished()}, so that the command can flush what it
 * sent and print its summary before the JVM exits.
 */
final class GracefulStop implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private GracefulStop(String name, Duration grace) {
        this.hook = new Thread(
                () -> {
                    requested.set(true);
                    try {
                        finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                name);
    }

    /** Installs the shutdown hook, a thread named {@code name} that waits at most {@code grace}. */
    static GracefulStop install(String name, Duration grace) {
        GracefulStop stop = new GracefulStop(name, grace);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether the process was asked to stop. */
    boolean requested() {
        return requested.get();
    }

    /** The command is done: lets a waiting shutdown go on, or removes the hook if no stop was asked for. */
    @Override
    public void close() {
        finished.countDown();
        if (!requested.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}

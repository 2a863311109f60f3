package dev.chathooks.processor.runtime;

import dev.chathooks.processor.dispatch.HookArguments;
import dev.chathooks.processor.invocation.InvocationLog;
import dev.chathooks.processor.json.JsonLineWriter;
import dev.chathooks.processor.plugins.LoadedHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invocation log of a live run ({@code --output}): a line each time a hook finishes a call, with {@code hook}
 * naming it. Lines are appended, so a restarted processor goes on with the same file. Thread-safe; flushed after
 * every line, so another process can follow it.
 */
final class InvocationLogFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationLogFile.class);

    private final JsonLineWriter writer;
    private boolean failed;

    InvocationLogFile(Path path) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        this.writer = new JsonLineWriter(Files.newBufferedWriter(
                path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    synchronized void finished(LoadedHook hook, HookArguments arguments) {
        try {
            writer.writeLine(InvocationLog.runLine(
                    arguments.invocation(), arguments.participants(), arguments.users(), hook.name()));
            writer.flush();
        } catch (IOException | UncheckedIOException e) {
            if (!failed) {
                failed = true;
                LOG.error("Cannot write the invocation log: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}

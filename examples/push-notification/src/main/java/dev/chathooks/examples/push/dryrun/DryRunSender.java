package dev.chathooks.examples.push.dryrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.examples.push.delivery.Delivery;
import dev.chathooks.examples.push.delivery.PushSender;
import dev.chathooks.examples.push.notification.Notification;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The dry-run "push service": writes one JSON line per notification and sends nothing:
 * {@code {"platform", "token", "user_id", "conversation_id", "title", "body", "thread_id", "collapse_id"}}, with the
 * title and body as they would be sent (cut to fit). It is a developer's tool, so the token is shown: the output
 * is data, not a log. Every notification is accepted. Each line is flushed as it is written. Thread-safe.
 */
public final class DryRunSender implements PushSender {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Writer out;
    private final boolean closeOut;

    private DryRunSender(Writer out, boolean closeOut) {
        this.out = out;
        this.closeOut = closeOut;
    }

    /** Writes to {@code file}, replacing what it held; creates it (not its folder) if needed. */
    public static DryRunSender toFile(Path file) throws IOException {
        return new DryRunSender(
                Files.newBufferedWriter(Objects.requireNonNull(file, "file is null"), StandardCharsets.UTF_8), true);
    }

    /** Writes to {@code stream}, which {@link #close()} flushes but does not close (it may be stdout). */
    public static DryRunSender toStream(OutputStream stream) {
        return new DryRunSender(
                new OutputStreamWriter(Objects.requireNonNull(stream, "stream is null"), StandardCharsets.UTF_8),
                false);
    }

    /** The line for {@code notification}, without the line break. */
    public static String line(Notification notification) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("platform", notification.platform().wireName());
        line.put("token", notification.token());
        line.put("user_id", notification.userId());
        line.put("conversation_id", notification.conversationId());
        line.put("title", notification.title());
        line.put("body", notification.body());
        line.put("thread_id", notification.threadId());
        line.put("collapse_id", notification.collapseId());
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a map of strings cannot fail to serialize", e);
        }
    }

    @Override
    public CompletionStage<Delivery> send(Notification notification) {
        String line = line(notification);
        try {
            synchronized (out) {
                out.write(line);
                out.write('\n');
                out.flush();
            }
            return CompletableFuture.completedFuture(Delivery.ACCEPTED);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException("cannot write the dry-run line", e));
        }
    }

    @Override
    public void close() {
        synchronized (out) {
            try {
                if (closeOut) {
                    out.close();
                } else {
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the dry-run output", e);
            }
        }
    }
}

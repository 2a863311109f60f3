package dev.chathooks.cli.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Follows the journal file that {@link JournalHook}s of several processes append to; reads only what is new. */
final class JournalFile {
    private final Path path;
    private final List<Call> calls = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private long position;

    JournalFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Every complete line appended so far, as calls, in file order. */
    synchronized List<Call> calls() {
        if (!Files.exists(path)) {
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            channel.position(position);
            int read;
            // Lines are ASCII (ids and kinds), so a buffer boundary never splits a character.
            while ((read = channel.read(buffer)) > 0) {
                position += read;
                buffer.flip();
                partial.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end;
        while ((end = partial.indexOf("\n")) >= 0) {
            Call call = Call.fromLine(partial.substring(0, end));
            if (call != null) {
                calls.add(call);
            }
            partial.delete(0, end + 1);
        }
        return new ArrayList<>(calls);
    }
}

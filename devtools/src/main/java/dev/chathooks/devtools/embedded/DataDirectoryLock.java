package dev.chathooks.devtools.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a broker data directory, taken before any Kafka code touches it. Kafka locks its log
 * directories too, but only after its metadata log is already open: a second broker on the same directory reads
 * a log that the first is writing and halts the JVM on the "corrupt" record it finds. This lock turns that into a
 * clear error before anything starts.
 */
final class DataDirectoryLock implements AutoCloseable {
    static final String FILE_NAME = ".chat-hooks-broker.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code directory}, creating it if needed, or fails if another broker (in any process) holds it. */
    static DataDirectoryLock acquire(Path directory) {
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel =
                    FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(directory, null);
            }
            return new DataDirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(directory, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedKafkaException(
                    "Cannot use " + directory + " as the embedded broker's data directory: " + e.getMessage()
                            + ". Choose a directory you can write to.",
                    e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static EmbeddedKafkaException inUse(Path directory, Throwable cause) {
        return new EmbeddedKafkaException(
                "The data directory " + directory + " is in use by another embedded broker"
                        + " (in this or another process). Stop that one, or give each instance its own data directory.",
                cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was locked through it; there is nothing to undo.
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}

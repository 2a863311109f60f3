package dev.chathooks.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes the bench's own files (the embedded broker's logs, the pipelines' state stores) to disk before a phase at a
 * steady rate.
 *
 * <p>The backlog and the passes over it leave gigabytes in the operating system's page cache, which Linux writes back
 * once they are about 30 s old ({@code vm.dirty_expire_centisecs}), up to 1.8 GB at a time. When that fell inside the
 * latency phase's measured 30 seconds, the pipeline's p99 read 27-80 ms, where it read 11-17 ms in the runs whose
 * write-back came before (docs/benchmarks.md, the eighteenth session); the floor's phase, run after, never met it.
 * Forcing the files first starts every steady phase from a disk with nothing of an earlier phase left to write, so
 * what it measures is the pipeline and its own writes.
 */
final class DiskFlush {
    /** What a flush did: the files forced and how long it took. */
    record Flushed(int files, long millis) {}

    private DiskFlush() {}

    /**
     * Forces every regular file under {@code directory} to disk ({@code fdatasync}). Files deleted during the walk
     * (Kafka and RocksDB delete segments and tables as they go) are skipped; a directory that does not exist is
     * nothing to flush.
     *
     * @throws IOException if a file that exists cannot be opened or forced
     */
    static Flushed flush(Path directory) throws IOException {
        long start = System.nanoTime();
        Forcing forcing = new Forcing();
        if (Files.isDirectory(directory)) {
            Files.walkFileTree(directory, forcing);
        }
        return new Flushed(forcing.forced, (System.nanoTime() - start) / 1_000_000);
    }

    /** Forces each regular file it visits, and counts them; a file or directory deleted meanwhile is passed over. */
    private static final class Forcing extends SimpleFileVisitor<Path> {
        private int forced;

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            if (attributes.isRegularFile() && force(file)) {
                forced++;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            return skipIfDeleted(e);
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            return e == null ? FileVisitResult.CONTINUE : skipIfDeleted(e);
        }

        private static FileVisitResult skipIfDeleted(IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }
    }

    /** Whether the file was there to force: read access is enough to write its dirty pages. */
    private static boolean force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(false);
            return true;
        } catch (NoSuchFileException deleted) {
            return false;
        }
    }
}

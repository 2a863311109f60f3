package dev.chathooks.processor.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Local directories the processor and its tools make for a while: temporary state, work folders. */
public final class Directories {
    private static final Logger LOG = LoggerFactory.getLogger(Directories.class);

    private Directories() {}

    /**
     * Deletes {@code directory} and everything in it, as far as it can: what cannot be deleted is left, and said at
     * DEBUG, since a temporary directory left behind must not fail the work that used it. A missing directory is
     * already deleted.
     *
     * @return whether nothing is left
     */
    public static boolean deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            // Deepest first: a directory is empty by the time it is deleted.
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not delete all of {}: {}", directory, e.toString());
        }
        boolean deleted = !Files.exists(directory);
        if (!deleted) {
            LOG.debug("Could not delete all of {}", directory);
        }
        return deleted;
    }
}

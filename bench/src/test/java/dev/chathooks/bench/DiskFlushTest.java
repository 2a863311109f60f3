package dev.chathooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskFlushTest {
    @TempDir
    Path workDir;

    @Test
    void forcesEveryFileOfTheTreeAndNoDirectory() throws IOException {
        Files.writeString(
                Files.createDirectories(workDir.resolve("kafka/topic-0")).resolve("0.log"), "records");
        Files.writeString(workDir.resolve("kafka/topic-0/0.index"), "");
        Files.writeString(
                Files.createDirectories(workDir.resolve("pipeline-1/0_0/rocksdb"))
                        .resolve("1.sst"),
                "x");
        Files.createDirectories(workDir.resolve("pipeline-2/empty"));

        assertThat(DiskFlush.flush(workDir).files()).isEqualTo(3);
    }

    @Test
    void aDirectoryThatIsNotThereHasNothingToFlush() throws IOException {
        assertThat(DiskFlush.flush(workDir.resolve("gone")).files()).isZero();
    }
}

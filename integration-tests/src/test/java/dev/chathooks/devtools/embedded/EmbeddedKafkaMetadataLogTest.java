package dev.chathooks.devtools.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.TestTopics;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded node's controller writes to its metadata log only when the metadata changes. Kafka's controller
 * appends a no-op record every 500 ms by default, and each append is synced to disk, where the broker's own appends
 * of produced records waited behind the syncs (docs/benchmarks.md).
 */
@KafkaIntegrationTest
class EmbeddedKafkaMetadataLogTest {
    /** Four of Kafka's default intervals between no-op records: with them, the log would grow by about four. */
    private static final long IDLE_MILLIS = 2_000;

    @TempDir
    Path dataDirectory;

    @Test
    void writesNoMetadataRecordWhileNothingChanges() throws Exception {
        try (EmbeddedKafka kafka =
                        EmbeddedKafka.builder(dataDirectory).port(0).build().start();
                Admin admin = TestTopics.admin(kafka.bootstrapServers())) {
            long beforeChange = metadataLogEnd(admin);
            TestTopics.createUnique(kafka.bootstrapServers(), "metadata-log-test", 2);
            long afterChange = metadataLogEnd(admin);
            assertThat(afterChange)
                    .as("a new topic is a change of the metadata, and is written")
                    .isGreaterThan(beforeChange);

            Thread.sleep(IDLE_MILLIS);

            assertThat(metadataLogEnd(admin)).isEqualTo(afterChange);
        }
    }

    /** The metadata log's high watermark: the offset after the last record the single voter has written. */
    private static long metadataLogEnd(Admin admin) throws Exception {
        return admin.describeMetadataQuorum()
                .quorumInfo()
                .get(30, TimeUnit.SECONDS)
                .highWatermark();
    }
}

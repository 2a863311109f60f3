package dev.chathooks.devtools.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker registers none of its metrics as JMX MBeans (registering thousands of them was a tenth of its
 * start-up's CPU), while the clients in the same process keep theirs.
 */
@KafkaIntegrationTest
class EmbeddedKafkaJmxTest {
    /** The JMX domains of a Kafka broker's metrics: Yammer metrics and its own Kafka metrics. */
    private static final List<String> BROKER_DOMAINS = List.of(
            "kafka.server",
            "kafka.controller",
            "kafka.network",
            "kafka.log",
            "kafka.cluster",
            "kafka.coordinator.group",
            "kafka.coordinator.transaction",
            "kafka.utils");

    @TempDir
    Path dataDirectory;

    @Test
    void registersNoBrokerMetricsAsMBeansWhileClientsKeepTheirs() throws Exception {
        try (EmbeddedKafka kafka =
                        EmbeddedKafka.builder(dataDirectory).port(0).build().start();
                Admin admin = TestTopics.admin(kafka.bootstrapServers())) {
            // Requests, a topic and its records: each makes the broker add metrics of its own.
            String topic = TestTopics.createUnique(kafka.bootstrapServers(), "jmx-test", 2);
            TestRecords.produce(kafka.bootstrapServers(), List.of(TestRecords.record(topic, "key", "value")));

            assertThat(metricMBeans(BROKER_DOMAINS)).isEmpty();
            assertThat(names("kafka.admin.client:type=admin-client-metrics,*")).isNotEmpty();
        }
    }

    /** The MBeans in these domains that hold metrics; {@code type=app-info} (the broker's version) is not one. */
    private static Set<String> metricMBeans(List<String> domains) throws Exception {
        Set<String> found = new TreeSet<>();
        for (String domain : domains) {
            for (String name : names(domain + ":*")) {
                if (!name.contains("type=app-info")) {
                    found.add(name);
                }
            }
        }
        return found;
    }

    private static Set<String> names(String pattern) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<String> names = new TreeSet<>();
        for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
            names.add(name.toString());
        }
        return names;
    }
}

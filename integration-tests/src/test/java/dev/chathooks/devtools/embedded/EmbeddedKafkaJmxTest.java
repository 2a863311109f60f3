package dev.chathooks.devtools.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "jmx-test-producer",
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class))) {
            // Requests, a topic and its records: each makes the broker add metrics of its own.
            admin.createTopics(List.of(new NewTopic("jmx-test", 2, (short) 1)))
                    .all()
                    .get();
            producer.send(new ProducerRecord<>("jmx-test", "key", "value")).get();

            assertThat(metricMBeans(BROKER_DOMAINS)).isEmpty();
            assertThat(names("kafka.producer:client-id=jmx-test-producer,*")).isNotEmpty();
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

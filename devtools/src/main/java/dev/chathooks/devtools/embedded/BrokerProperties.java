package dev.chathooks.devtools.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The configuration of the single-node, combined broker and controller. */
final class BrokerProperties {
    static final int NODE_ID = 1;
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String HOST = "localhost";
    /** The log cleaner's dedupe buffer, on the heap: 16 MB instead of Kafka's 128 ({@link #build}). */
    static final int CLEANER_DEDUPE_BUFFER_BYTES = 16 * 1024 * 1024;

    /** Keys that make the node what it is; letting callers change them would break the start-up. */
    static final Set<String> MANAGED_KEYS = Set.of(
            "process.roles",
            "node.id",
            "broker.id",
            "listeners",
            "advertised.listeners",
            "controller.listener.names",
            "listener.security.protocol.map",
            "inter.broker.listener.name",
            "controller.quorum.voters",
            "controller.quorum.bootstrap.servers",
            "log.dirs",
            "log.dir",
            "metadata.log.dir");

    private BrokerProperties() {}

    static Properties build(Path logDirectory, int clientPort, int controllerPort, Map<String, String> extra) {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", Integer.toString(NODE_ID));
        properties.put(
                "listeners",
                CLIENT_LISTENER + "://" + HOST + ":" + clientPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        properties.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("inter.broker.listener.name", CLIENT_LISTENER);
        properties.put(
                "listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        // A static quorum of one voter: the controller's port may change from one start to the next without the
        // stored voter set going stale, which a dynamic (formatted) quorum would not allow.
        properties.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        properties.put("log.dirs", logDirectory.toString());

        // One broker: every internal topic has one replica, and one in-sync replica is enough.
        properties.put("offsets.topic.replication.factor", "1");
        // The offsets topic is created on the first group request, one partition after the other (about 10 ms
        // each here), and a new data directory's own topics wait behind it: one partition serves a single
        // machine's groups. A data directory formatted before keeps the offsets topic it has.
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "10");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        // Nobody else will join: waiting for more members only delays the first assignment.
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("group.streams.initial.rebalance.delay.ms", "0");
        // Members of the new group protocols learn of a rebalance at their next heartbeat (5 s by default): on a
        // local broker a shorter interval costs nothing and makes instances and hooks pick up work sooner.
        properties.put("group.consumer.min.heartbeat.interval.ms", "500");
        properties.put("group.consumer.heartbeat.interval.ms", "1000");
        properties.put("group.streams.min.heartbeat.interval.ms", "500");
        properties.put("group.streams.heartbeat.interval.ms", "1000");
        // Topics are created deliberately, with their partition counts and configs; a typo must not create one.
        properties.put("auto.create.topics.enable", "false");
        properties.put("num.partitions", "1");
        // The log cleaner (compacted topics: users, devices, changelogs) holds its dedupe buffer on the heap for
        // as long as the broker runs: 128 MB by default, sized for a production broker's logs. Here it shared the
        // heap of the process it is embedded in (the demo, the bench, the tests), where it was half of what was live
        // and kept G1 marking without pause in a 512 MB heap. 16 MB holds the offsets of about 600,000 keys per
        // cleaning, far more than a local broker's logs have; Kafka cleans a larger log in more passes.
        properties.put("log.cleaner.dedupe.buffer.size", Integer.toString(CLEANER_DEDUPE_BUFFER_BYTES));
        // A broker registers a JMX MBean for each of its metrics (thousands) as it starts, on the thread that starts
        // it: a tenth of the embedded broker's start-up CPU on two cores, and hot enough to keep the JIT compiling
        // JMX name parsing. Nothing reads them here (Chat Hooks' own metrics go to its management endpoint, and its
        // clients keep their MBeans), so neither the broker's Yammer metrics nor its Kafka metrics are registered.
        properties.put("metrics.jmx.exclude", ".*");
        properties.put("metric.reporters", "");
        // The active controller appends a no-op record to the metadata log every 500 ms (KIP-835), so that other
        // nodes can tell it is alive, and the metadata log is synced to disk at every append. With the controller
        // in this one node there is no other node to tell, and while it synced, the broker's request handlers,
        // appending produced records on the same disk, waited in the file system, up to 640 ms on the bench's
        // machine, with every call behind them (docs/benchmarks.md, the fourteenth session). 0 writes none; the
        // metadata log is still written and synced whenever the metadata changes.
        properties.put("metadata.max.idle.interval.ms", "0");

        extra.forEach(properties::put);
        return properties;
    }
}

package dev.chathooks.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.devtools.dump.DumpRecord;
import dev.chathooks.devtools.simulation.ChatSimulator;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The traffic of a bench run: a {@link ChatSimulator} (users, devices, conversations created, then a realistic mix
 * of messages, typing, edits and membership changes), sent as a backlog as fast as the producer goes, or at a
 * steady rate; each phase ends with {@link EndMarkers}, whose conversations the backlog creates first.
 *
 * <p>Record timestamps only grow: the backlog is stamped in the past, at the simulator's pace, and paced records at
 * the time they are sent. Messages are joined with conversation state as of their timestamp, so the order matters.
 */
final class BenchTraffic {
    private final ChatHooksConfig.Topics topics;
    private final Set<String> conversationKeyed;
    private final ChatSimulator simulator;
    private final int partitions;
    private final long firstTimestamp;
    private long lastTimestamp;
    private boolean markersCreated;

    /**
     * @param topics where the records go
     * @param partitions partitions of the conversation-keyed topics (one end marker per partition)
     * @param sizes users and conversations to simulate
     * @param backlogRecords about how many records the backlog will hold, to stamp it in the past
     */
    BenchTraffic(ChatHooksConfig.Topics topics, int partitions, BenchSizes sizes, long backlogRecords) {
        this.topics = topics;
        this.conversationKeyed = Set.copyOf(topics.conversationKeyed());
        this.partitions = partitions;
        // The simulator advances 1-3 ms a record: starting this far back keeps the backlog before now.
        long start = System.currentTimeMillis() - 3 * backlogRecords - 60_000;
        this.firstTimestamp = start;
        this.simulator = new ChatSimulator(topics, sizes.users(), sizes.conversations(), 42, start);
    }

    /**
     * Sends the marker conversations' creation (the first time), then the simulator's records (the first time the
     * users, devices and creations, then events) until {@code events} conversation-keyed records were sent, then the
     * end markers of {@code phase}, stamped after the last record; waits until the broker has them all. Called again,
     * it sends the next round of the same traffic.
     *
     * @return the conversation-keyed records sent, end markers included
     */
    long sendBacklog(Producer<byte[], byte[]> producer, int events, String phase) {
        long sent = 0;
        if (!markersCreated) {
            sent += createMarkerConversations(producer);
            markersCreated = true;
        }
        while (sent < events) {
            DumpRecord record = simulator.next();
            send(producer, record, record.timestamp());
            if (conversationKeyed.contains(record.topic())) {
                sent++;
            }
        }
        sent += sendEndMarkers(producer, phase);
        producer.flush();
        return sent;
    }

    /**
     * What {@link #sendPaced} sent.
     *
     * @param sent the conversation-keyed records sent, end markers included
     * @param measuredEvents the conversation-keyed events sent after the warm-up (those told to the probe)
     * @param measuredFromNanos when the measured part began ({@link System#nanoTime()})
     * @param measuredToNanos when it ended: the time the next event would have been due
     */
    record Paced(long sent, long measuredEvents, long measuredFromNanos, long measuredToNanos) {}

    /**
     * Sends simulated events at {@code rate} per second for {@code warmUp} plus {@code measured}, telling
     * {@code latency} of each conversation-keyed event sent after the warm-up just before it is sent; then the end
     * markers of {@code phase}.
     */
    Paced sendPaced(
            Producer<byte[], byte[]> producer,
            int rate,
            Duration warmUp,
            Duration measured,
            LatencyProbe latency,
            String phase) {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        long sent = 0;
        long measuredEvents = 0;
        for (long i = 0; ; i++) {
            long due = start + i * 1_000_000_000L / rate;
            if (due >= end) {
                break;
            }
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            DumpRecord record = nextEvent(producer);
            if (due >= measureFrom) {
                latency.sending(eventId(record.value()));
                measuredEvents++;
            }
            send(producer, record, System.currentTimeMillis());
            sent++;
        }
        sent += sendEndMarkers(producer, phase);
        producer.flush();
        return new Paced(sent, measuredEvents, measureFrom, end);
    }

    /** The next conversation-keyed record; users and devices records on the way are sent as they come. */
    private DumpRecord nextEvent(Producer<byte[], byte[]> producer) {
        DumpRecord record = simulator.next();
        while (!conversationKeyed.contains(record.topic())) {
            send(producer, record, System.currentTimeMillis());
            record = simulator.next();
        }
        return record;
    }

    private void send(Producer<byte[], byte[]> producer, DumpRecord record, long timestamp) {
        lastTimestamp = Math.max(lastTimestamp, timestamp);
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(record.topic(), null, lastTimestamp, key, record.value()));
    }

    /** Creates the {@link EndMarkers} conversations, stamped before the simulated traffic. */
    private long createMarkerConversations(Producer<byte[], byte[]> producer) {
        long sent = 0;
        for (String conversation : EndMarkers.conversations(partitions)) {
            ObjectNode created = Json.object();
            created.set("conversation", markerRecord(conversation, "Bench marker"));
            created.putArray("participant_ids").add("u-1").add("u-2");
            created.putArray("admin_ids").add("u-1");
            sendMarker(
                    producer,
                    topics.conversations(),
                    conversation,
                    "chat.conversation.created",
                    conversation + "-created",
                    created,
                    firstTimestamp - 1);
            sent++;
        }
        return sent;
    }

    /**
     * Sends the {@link EndMarkers} of {@code phase}: on each partition, an update of its marker conversation, a
     * message in it and a typing event, stamped after everything else.
     */
    private long sendEndMarkers(Producer<byte[], byte[]> producer, String phase) {
        long sent = 0;
        for (String conversation : EndMarkers.conversations(partitions)) {
            // After the last record: a backlog stays in the past, so that the next one follows it at the
            // simulator's pace, with the time gaps between records that typing batches and state versions see.
            long time = lastTimestamp + 1;
            ObjectNode updated = Json.object();
            updated.set("conversation", markerRecord(conversation, "End of " + phase));
            sendMarker(
                    producer,
                    topics.conversations(),
                    conversation,
                    "chat.conversation.updated",
                    EndMarkers.eventId(phase, conversation, "updated"),
                    updated,
                    time);
            ObjectNode message = Json.object();
            ObjectNode body = message.putObject("message");
            body.put("id", conversation + "-" + phase);
            body.put("conversation_id", conversation);
            body.put("sender_id", "u-1");
            body.put("body", "end of " + phase);
            body.put("revision", 1);
            sendMarker(
                    producer,
                    topics.messages(),
                    conversation,
                    "chat.message.sent",
                    EndMarkers.eventId(phase, conversation, "message"),
                    message,
                    time);
            ObjectNode typing = Json.object();
            typing.put("user_id", "u-2");
            typing.put("event", "begin");
            typing.put("at", Instant.ofEpochMilli(time).toString());
            sendMarker(
                    producer,
                    topics.typing(),
                    conversation,
                    "chat.typing",
                    EndMarkers.eventId(phase, conversation, "typing"),
                    typing,
                    time);
            sent += 3;
        }
        return sent;
    }

    private static ObjectNode markerRecord(String conversation, String title) {
        ObjectNode record = Json.object();
        record.put("id", conversation);
        record.put("title", title);
        record.putObject("metadata");
        record.put("distinct_by_participants", false);
        record.putArray("muted_user_ids");
        return record;
    }

    private void sendMarker(
            Producer<byte[], byte[]> producer,
            String topic,
            String conversation,
            String type,
            String eventId,
            ObjectNode data,
            long time) {
        ObjectNode event = Json.object();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", "/chat-hooks-bench");
        event.put("type", type);
        event.put("time", Instant.ofEpochMilli(time).toString());
        event.put("subject", conversation);
        event.put("actor", "u-1");
        event.set("data", data);
        try {
            send(
                    producer,
                    new DumpRecord(
                            topic, conversation, time, Json.mapper().writeValueAsBytes(event), java.util.Map.of()),
                    time);
        } catch (IOException e) {
            throw new IllegalStateException("an end marker always serializes", e);
        }
    }

    /**
     * The event id ({@code id}) of a conversation-keyed record, read by streaming to it: the load generator runs in
     * the measured process, so it should cost little.
     */
    static String eventId(byte[] value) {
        try (JsonParser parser = Json.ownFormatsMapper().createParser(value)) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("id")) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new IllegalStateException("the simulator writes JSON", e);
        }
        throw new IllegalStateException("a simulated event has an id");
    }

    /** The partition Kafka's producer picks for a key (murmur2, as its built-in partitioner does). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * A producer for a backlog: batches fill up. Not idempotent, one request in flight (so a retry keeps the
     * order): right after topics are created, an idempotent producer's first batch can be refused while the
     * broker becomes leader, and its retry then falls out of sequence and is retried until the delivery timeout.
     */
    static KafkaProducer<byte[], byte[]> backlogProducer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        false,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        1),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /**
     * A producer as a chat server would have: Kafka's defaults (since Kafka 4.0 it lingers 5 ms, so at thousands
     * of events a second it sends batches, not one request per event; the latency figures include that linger), or
     * the {@code linger.ms} given, to see how much of the latency is the chat server's own wait.
     */
    static KafkaProducer<byte[], byte[]> chatServerProducer(String bootstrap, OptionalInt lingerMs) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        lingerMs.ifPresent(linger -> properties.put(ProducerConfig.LINGER_MS_CONFIG, linger));
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }
}

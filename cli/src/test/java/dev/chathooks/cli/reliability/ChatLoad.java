package dev.chathooks.cli.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A chat workload for the fault tests: conversations created first, then messages sent, edited and deleted and
 * typing begun, spread at random over the conversations. Every event makes exactly one call of a hook that
 * handles every kind, so the expected calls are the events themselves.
 */
final class ChatLoad {
    /**
     * One event.
     *
     * @param topic the input topic's configuration suffix: {@code conversations}, {@code messages} or {@code typing}
     * @param conversationId the conversation (the record key)
     * @param eventId the event id
     * @param value the CloudEvent
     */
    record Event(String topic, String conversationId, String eventId, ObjectNode value) {}

    private final List<Event> events;

    private ChatLoad(List<Event> events) {
        this.events = List.copyOf(events);
    }

    /**
     * {@code total} events over {@code conversations} conversations named {@code <prefix>-<n>}: one creation each,
     * then the rest as 85 % messages sent, 7 % edited, 3 % deleted and 5 % typing begun.
     */
    static ChatLoad generate(String prefix, int conversations, int total, long seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>(total);
        Map<String, List<String>> messages = new LinkedHashMap<>();
        for (int c = 0; c < conversations; c++) {
            String conversation = prefix + "-" + c;
            events.add(event(
                    "conversations",
                    ChatEvents.created(conversation, List.of("u-1", "u-2", "u-" + (3 + c % 50)), List.of("u-1"))));
            messages.put(conversation, new ArrayList<>());
        }
        for (int n = events.size(); n < total; n++) {
            String conversation = prefix + "-" + random.nextInt(conversations);
            List<String> sent = messages.get(conversation);
            String sender = "u-" + (1 + random.nextInt(2));
            int roll = random.nextInt(100);
            if (roll < 5) {
                events.add(event("typing", ChatEvents.typing(conversation, sender, "begin")));
            } else if (roll < 12 && !sent.isEmpty()) {
                String message = sent.get(random.nextInt(sent.size()));
                events.add(event(
                        "messages",
                        ChatEvents.message("chat.message.updated", conversation, message, sender, "edited text " + n)));
            } else if (roll < 15 && !sent.isEmpty()) {
                String message = sent.remove(random.nextInt(sent.size()));
                events.add(event(
                        "messages", ChatEvents.message("chat.message.deleted", conversation, message, sender, "")));
            } else {
                String message = "m-" + n;
                sent.add(message);
                events.add(event("messages", ChatEvents.sent(conversation, message, sender, "hello " + n)));
            }
        }
        return new ChatLoad(events);
    }

    /** This load without the events {@code eventIds}: what a hook that never succeeds on them is expected to call. */
    ChatLoad without(Set<String> eventIds) {
        return new ChatLoad(events.stream()
                .filter(event -> !eventIds.contains(event.eventId()))
                .toList());
    }

    /**
     * This load's streams (as {@link #streams()} names them) as the input topics hold them ({@code writtenIds}: the
     * event ids read back, each partition in offset order), a copy written again included: what the processor
     * calls. They differ from the load's when a chat server wrote a chunk again after its producer gave up on part
     * of it: the records of it that did land are then written twice, and a later record of the same partition may
     * have been written before the chunk's first copy. Events not read back follow, in the load's order.
     */
    Map<String, List<String>> writtenStreams(List<String> writtenIds) {
        Map<String, String> streamOfEvent = streamOfEvent();
        Map<String, List<String>> streams = new LinkedHashMap<>();
        Set<String> read = new HashSet<>();
        for (String eventId : writtenIds) {
            String stream = streamOfEvent.get(eventId);
            if (stream != null) {
                streams.computeIfAbsent(stream, key -> new ArrayList<>()).add(eventId);
                read.add(eventId);
            }
        }
        for (Event event : events) {
            if (!read.contains(event.eventId())) {
                streams.computeIfAbsent(streamOf(event), key -> new ArrayList<>())
                        .add(event.eventId());
            }
        }
        return streams;
    }

    private static Event event(String topic, ObjectNode value) {
        return new Event(topic, value.path("subject").asText(), value.path("id").asText(), value);
    }

    /** The events, in the order they are produced. */
    List<Event> events() {
        return events;
    }

    /** How many events there are. */
    int size() {
        return events.size();
    }

    /**
     * The event ids of each stream, in order: a stream is one conversation's events of one input topic, whose
     * order the chat server sets and the processor keeps ({@code <conversation> <topic>}).
     */
    Map<String, List<String>> streams() {
        return writtenStreams(List.of()); // as written when nothing is read back: the load's own order
    }

    /** The stream (as {@link #streams()} names them) of each event id. */
    Map<String, String> streamOfEvent() {
        Map<String, String> streams = new LinkedHashMap<>();
        events.forEach(event -> streams.put(event.eventId(), streamOf(event)));
        return streams;
    }

    private static String streamOf(Event event) {
        return event.conversationId() + " " + event.topic();
    }

    /**
     * All the records in chunks to produce one after another: first the conversations' creations alone, then at
     * most {@code chunk} events each. A chat server creates a conversation before anyone writes in it; produced in
     * one request with the first messages, a creation can be appended after a message that the topology then
     * fetches alone and dead-letters as {@code unknown-conversation} (these tests run without a join grace).
     */
    List<List<ProducerRecord<byte[], byte[]>>> chunks(Map<String, String> keys, int chunk, long firstTimestamp) {
        List<List<ProducerRecord<byte[], byte[]>>> chunks = new ArrayList<>();
        int creations = 0;
        while (creations < events.size() && events.get(creations).topic().equals("conversations")) {
            creations++;
        }
        chunks.add(records(keys, 0, creations, firstTimestamp));
        for (int from = creations; from < events.size(); from += chunk) {
            chunks.add(records(keys, from, Math.min(events.size(), from + chunk), firstTimestamp));
        }
        return chunks;
    }

    /**
     * The records of events {@code from} (inclusive) to {@code to} (exclusive), to the topics named by
     * {@code keys} ({@code topics.<topic>}), stamped one millisecond apart from {@code firstTimestamp} on.
     */
    List<ProducerRecord<byte[], byte[]>> records(Map<String, String> keys, int from, int to, long firstTimestamp) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Event event = events.get(i);
            records.add(new ProducerRecord<>(
                    keys.get("topics." + event.topic()),
                    null,
                    firstTimestamp + i,
                    TestRecords.bytes(event.conversationId()),
                    ChatEvents.bytes(event.value())));
        }
        return records;
    }
}

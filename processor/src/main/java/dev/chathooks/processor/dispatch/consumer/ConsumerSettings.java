package dev.chathooks.processor.dispatch.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * A {@link KeyOrderedConsumer}'s settings, checked together by {@link KeyOrderedConsumerBuilder#build()}.
 *
 * @param topic the topic consumed
 * @param groupId the consumer group joined
 * @param name the client id, or the group and a number: names the poll thread and starts its log lines
 * @param handler what is done with each record
 * @param maxInFlight the most records fetched and not finished at any time
 * @param maxPollRecords the most records one poll returns ({@code max.poll.records}, capped to keep the bound exact)
 * @param commitInterval how often finished offsets are committed while consuming
 * @param closeTimeout how long running records get to finish when their partitions go; bounds commits and close
 * @param kafkaProperties the Kafka consumer's properties, as the factory gets them
 * @param consumerFactory makes the Kafka consumer from those properties, when the consumer starts
 */
record ConsumerSettings(
        String topic,
        String groupId,
        String name,
        RecordHandler handler,
        int maxInFlight,
        int maxPollRecords,
        Duration commitInterval,
        Duration closeTimeout,
        Map<String, Object> kafkaProperties,
        Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory) {
    ConsumerSettings {
        kafkaProperties = Map.copyOf(kafkaProperties);
    }
}

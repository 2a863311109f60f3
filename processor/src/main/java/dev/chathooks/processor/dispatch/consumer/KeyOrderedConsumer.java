package dev.chathooks.processor.dispatch.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one topic as a member of a consumer group and hands every record to a {@link RecordHandler}: records
 * with the same key one after another in offset order, records with different keys concurrently, with a bounded
 * number in flight, committing an offset only once every record before it is finished.
 *
 * <p>Guarantees:
 * <ol>
 *   <li><b>Per-key order.</b> Within a partition, a record starts only after the previous record with the same
 *       key (or, for records without a key, the previous record without one) has finished. It is started from the
 *       thread that completed that previous record's stage, without a hop through the poll thread.</li>
 *   <li><b>Concurrency across keys.</b> Records of different keys run at the same time, across all assigned
 *       partitions.</li>
 *   <li><b>Bounded work.</b> At most {@code maxInFlight} records are fetched and unfinished at any time (running
 *       or waiting for their key). Fetching pauses when fewer than one poll's worth of room is left and resumes
 *       when there is room again; no queue grows without bound. To keep the bound exact, {@code max.poll.records}
 *       is capped: at half of {@code maxInFlight} (at most 500) unless set lower.</li>
 *   <li><b>Safe commits.</b> For each partition the committed offset is that of the first unfinished record: a
 *       record still running holds back the commit of every record after it. Offsets are committed
 *       asynchronously every {@code commitInterval}, and synchronously when partitions are revoked and at close.
 *       </li>
 *   <li><b>Failures.</b> A handler's failure (see {@link RecordHandler}) is logged at ERROR with the topic,
 *       partition and offset, never the record's content, and the record counts as finished: retries and dead
 *       letters belong to the handler.</li>
 *   <li><b>Rebalances.</b> When partitions are revoked, their waiting records are dropped, their running records
 *       get up to {@code closeTimeout} to finish, and what finished is committed; the rest is handled again by
 *       the next owner (at least once). Lost partitions (the member was fenced) are dropped without a commit.</li>
 *   <li><b>Repositioning.</b> {@link #reposition} moves the partitions this member owns to given offsets (a
 *       rewind): like a revocation, their waiting records are dropped and their running ones get up to
 *       {@code closeTimeout} to finish; then the new offsets are committed and consuming goes on from them.</li>
 *   <li><b>Close.</b> {@link #close()} stops polling, drops the waiting records, gives the running ones up to
 *       {@code closeTimeout}, commits what finished and leaves the group. It may be called from any thread, a
 *       shutdown hook included.</li>
 * </ol>
 *
 * <p>The consumer joins with Kafka's {@code consumer} group protocol (KIP-848: incremental, per-partition
 * rebalances) unless {@code group.protocol} is set; settings of the classic protocol, such as
 * {@code partition.assignment.strategy}, need {@code group.protocol=classic}. Auto-commit is always off.
 *
 * <p>This class holds the life cycle and the poll loop; each guarantee has its own package-private part:
 * {@code KeyChains} (order and concurrency), {@code InFlightGate} (bounded work), {@code OffsetCommits},
 * {@code PartitionHandOver} (rebalances and close) and {@code Repositionings}.
 */
public final class KeyOrderedConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyOrderedConsumer.class);
    /** The longest a poll waits for records; a due commit or a close shortens it. */
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);

    private final ConsumerSettings settings;
    private final InFlightGate gate;
    private final KeyChains chains;
    private final OffsetCommits commits;
    private final PartitionHandOver partitions;
    private final Repositionings repositionings;

    private volatile boolean closing;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Object lifecycle = new Object();
    private State state = State.NEW;
    // Set once by start(); read by close() and by completion threads.
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Thread pollThread;

    private enum State {
        NEW,
        RUNNING,
        CLOSED
    }

    KeyOrderedConsumer(ConsumerSettings settings) {
        this.settings = settings;
        this.gate = new InFlightGate(
                settings.name(), settings.maxInFlight(), settings.maxPollRecords(), new InFlightGate.Waker() {
                    @Override
                    public boolean mayWake() {
                        return !closing && Thread.currentThread() != pollThread;
                    }

                    @Override
                    public void wake() {
                        consumer.wakeup();
                    }
                });
        this.chains = new KeyChains(settings.handler(), gate);
        this.commits = new OffsetCommits(settings.name(), settings.commitInterval(), settings.closeTimeout());
        this.partitions =
                new PartitionHandOver(settings.name(), settings.topic(), settings.closeTimeout(), gate, commits);
        this.repositionings =
                new Repositionings(settings.name(), settings.topic(), settings.closeTimeout(), partitions, commits);
    }

    /** A builder; the consumer properties, topic and handler are required. */
    public static KeyOrderedConsumerBuilder builder() {
        return new KeyOrderedConsumerBuilder();
    }

    /**
     * Creates the Kafka consumer, subscribes to the topic and starts the poll thread.
     *
     * @throws KafkaException if the Kafka consumer cannot be created from the properties given (the message
     *     names the property)
     * @throws IllegalStateException if it was started or closed before
     */
    public void start() {
        synchronized (lifecycle) {
            if (state != State.NEW) {
                throw new IllegalStateException("The consumer of " + settings.topic() + " for group "
                        + settings.groupId() + " was started or closed before; build a new one");
            }
            Consumer<byte[], byte[]> created = settings.consumerFactory().apply(settings.kafkaProperties());
            try {
                created.subscribe(List.of(settings.topic()), partitions.listener(created));
            } catch (RuntimeException e) {
                created.close(CloseOptions.timeout(Duration.ZERO));
                throw e;
            }
            consumer = created;
            pollThread = new Thread(this::pollLoop, "key-ordered-consumer-" + settings.name());
            state = State.RUNNING;
            pollThread.start();
        }
    }

    /**
     * Stops consuming: see the class's description. Returns once the poll thread has committed and closed the
     * Kafka consumer, or after about three times {@code closeTimeout} if it could not. Called from a handler on
     * the poll thread, it only asks the thread to stop. Calling it again does nothing more.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (state == State.NEW) {
                terminated.complete(null);
            }
            state = State.CLOSED;
            if (consumer == null) {
                return;
            }
        }
        closing = true;
        consumer.wakeup();
        if (Thread.currentThread() == pollThread) {
            return;
        }
        Duration limit = settings.closeTimeout().multipliedBy(3).plusSeconds(5);
        try {
            terminated.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // The poll thread logged its failure when it happened; closing is done all the same.
        } catch (TimeoutException e) {
            LOG.warn(
                    "The consumer of {} for group {} did not stop within {} s; a handler may be blocking its poll "
                            + "thread",
                    settings.topic(),
                    settings.groupId(),
                    limit.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Completes when the poll thread has stopped: normally after {@link #close()}, exceptionally if consuming
     * failed for good (not authorised, for example) and the consumer stopped on its own.
     */
    public CompletionStage<Void> termination() {
        return terminated.minimalCompletionStage();
    }

    /** The counters as they are now. */
    public ConsumerStats stats() {
        return new ConsumerStats(
                chains.handled(),
                chains.failed(),
                gate.inFlight(),
                gate.peakInFlight(),
                gate.pauses(),
                gate.pausing(),
                partitions.assigned(),
                commits.committed());
    }

    /**
     * Moves this member's position on the partitions of {@code offsets} that it owns when the poll thread gets to
     * it, and commits the new offsets, so that the group goes on from there even if this member stops right
     * after; partitions it does not own are left to their owners. Their waiting records are dropped and their
     * running ones get up to {@code closeTimeout} to finish first, so that a record never runs while an earlier
     * record of its key re-runs. May be called from any thread.
     *
     * @param offsets the offset to go on from, per partition of the consumed topic
     * @return completes with the offsets of the partitions moved (empty if this member owned none of them), or
     *     exceptionally if the new offsets could not be committed (the position was moved all the same) or the
     *     consumer stopped first
     */
    public CompletionStage<Map<TopicPartition, Long>> reposition(Map<TopicPartition, Long> offsets) {
        CompletionStage<Map<TopicPartition, Long>> done;
        synchronized (lifecycle) {
            if (state != State.RUNNING || closing) {
                return CompletableFuture.failedFuture(new IllegalStateException("The consumer of " + settings.topic()
                        + " for group " + settings.groupId() + " is not running"));
            }
            done = repositionings.ask(offsets);
        }
        consumer.wakeup();
        return done;
    }

    /**
     * Whether the consumer has joined its group: it was given an assignment, maybe empty (a group with more members
     * than partitions), since it started.
     */
    public boolean joined() {
        return partitions.joined();
    }

    /** Whether the poll thread has stopped, after {@link #close()} or on its own. */
    public boolean terminated() {
        return terminated.isDone();
    }

    /** The topic consumed. */
    public String topic() {
        return settings.topic();
    }

    /** The consumer group joined. */
    public String groupId() {
        return settings.groupId();
    }

    private void pollLoop() {
        Throwable failure = null;
        try {
            commits.startInterval();
            while (!closing) {
                try {
                    repositionings.runPending(consumer);
                    gate.applyBackPressure(consumer);
                    commits.commitIfDue(consumer, partitions.works());
                    dispatch(consumer.poll(commits.pollTimeout(MAX_POLL_WAIT)));
                } catch (WakeupException e) {
                    // close() or a completion that made room: the loop checks which.
                }
            }
        } catch (Throwable e) {
            failure = e;
            LOG.error(
                    "The consumer of {} for group {} stopped: {}",
                    settings.topic(),
                    settings.groupId(),
                    e.toString(),
                    e);
        } finally {
            shutDown(failure);
        }
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        RecordHandler handler = settings.handler();
        handler.pollStarted();
        try {
            for (TopicPartition partition : records.partitions()) {
                PartitionWork work = partitions.work(partition);
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    chains.accept(work, record);
                }
            }
        } finally {
            handler.pollHandedOver();
        }
    }

    private void shutDown(Throwable failure) {
        closing = true; // also when the loop ended on a failure: no completion may wake the consumer now
        try {
            partitions.handBackAll(consumer);
        } catch (RuntimeException e) {
            LOG.warn("{}: error while handing back partitions at close", settings.name(), e);
        } finally {
            synchronized (lifecycle) {
                closing = true; // set already unless consuming failed; no repositioning is queued after this
                repositionings.failPending("The consumer of " + settings.topic() + " for group " + settings.groupId()
                        + " stopped before repositioning");
            }
            try {
                consumer.close(CloseOptions.timeout(settings.closeTimeout()));
            } catch (RuntimeException e) {
                LOG.warn("{}: error while closing the Kafka consumer", settings.name(), e);
            }
            LOG.info(
                    "{}: stopped consuming {} for group {} after {} records",
                    settings.name(),
                    settings.topic(),
                    settings.groupId(),
                    chains.handled());
            if (failure == null) {
                terminated.complete(null);
            } else {
                terminated.completeExceptionally(failure);
            }
        }
    }
}

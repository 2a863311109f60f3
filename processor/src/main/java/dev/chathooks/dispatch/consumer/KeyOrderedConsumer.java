package dev.chathooks.dispatch.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
 */
public final class KeyOrderedConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyOrderedConsumer.class);
    /** The longest a poll waits for records; a due commit or a close shortens it. */
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);
    private static final int DEFAULT_MAX_POLL_RECORDS = 500;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final String groupId;
    private final String name;
    private final RecordHandler handler;
    private final int maxInFlight;
    private final int maxPollRecords;
    private final Duration commitInterval;
    private final Duration closeTimeout;

    // Owned by the poll thread.
    private final Map<TopicPartition, PartitionWork> partitions = new HashMap<>();
    private boolean paused;
    private long nextCommitNanos;

    // Shared with completion threads and callers.
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final LongAdder handled = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong pauses = new AtomicLong();
    /** Published before the poll thread pauses, read by completions to know when to wake it. */
    private volatile boolean pausing;
    private final AtomicBoolean wakeupSent = new AtomicBoolean();
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    private volatile Set<TopicPartition> assigned = Set.of();
    /** Set at the first assignment, even an empty one: the consumer has joined its group. */
    private volatile boolean joined;
    private volatile boolean closing;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    /** Repositionings asked for by other threads, run by the poll thread between polls. */
    private final Queue<Repositioning> repositionings = new ConcurrentLinkedQueue<>();

    private final Object lifecycle = new Object();
    private State state = State.NEW;
    // Set once by start(); read by close() and by completion threads.
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread pollThread;

    private enum State { NEW, RUNNING, CLOSED }

    private KeyOrderedConsumer(Builder builder, Map<String, Object> consumerConfig, int maxPollRecords) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.topic = builder.topic;
        this.groupId = consumerConfig.get(ConsumerConfig.GROUP_ID_CONFIG).toString();
        Object clientId = consumerConfig.get(ConsumerConfig.CLIENT_ID_CONFIG);
        this.name = clientId != null ? clientId.toString() : groupId + "-" + INSTANCES.incrementAndGet();
        this.handler = builder.handler;
        this.maxInFlight = builder.maxInFlight;
        this.maxPollRecords = maxPollRecords;
        this.commitInterval = builder.commitInterval;
        this.closeTimeout = builder.closeTimeout;
    }

    /** A builder; the consumer properties, topic and handler are required. */
    public static Builder builder() {
        return new Builder();
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
                throw new IllegalStateException("The consumer of " + topic + " for group " + groupId
                        + " was started or closed before; build a new one");
            }
            KafkaConsumer<byte[], byte[]> created =
                    new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            try {
                created.subscribe(List.of(topic), new RebalanceListener());
            } catch (RuntimeException e) {
                created.close(CloseOptions.timeout(Duration.ZERO));
                throw e;
            }
            consumer = created;
            pollThread = new Thread(this::pollLoop, "key-ordered-consumer-" + name);
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
        Duration limit = closeTimeout.multipliedBy(3).plusSeconds(5);
        try {
            terminated.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // The poll thread logged its failure when it happened; closing is done all the same.
        } catch (TimeoutException e) {
            LOG.warn("The consumer of {} for group {} did not stop within {} s; a handler may be blocking its poll "
                    + "thread", topic, groupId, limit.toSeconds());
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
        return new ConsumerStats(handled.sum(), failed.sum(), inFlight.get(), peakInFlight.get(), pauses.get(),
                pausing, assigned, committed);
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
        Repositioning repositioning = new Repositioning(Map.copyOf(offsets));
        synchronized (lifecycle) {
            if (state != State.RUNNING || closing) {
                repositioning.done.completeExceptionally(new IllegalStateException("The consumer of " + topic
                        + " for group " + groupId + " is not running"));
                return repositioning.done;
            }
            repositionings.add(repositioning);
        }
        consumer.wakeup();
        return repositioning.done;
    }

    /**
     * Whether the consumer has joined its group: it was given an assignment, maybe empty (a group with more members
     * than partitions), since it started.
     */
    public boolean joined() {
        return joined;
    }

    /** Whether the poll thread has stopped, after {@link #close()} or on its own. */
    public boolean terminated() {
        return terminated.isDone();
    }

    /** The topic consumed. */
    public String topic() {
        return topic;
    }

    /** The consumer group joined. */
    public String groupId() {
        return groupId;
    }

    private void pollLoop() {
        Throwable failure = null;
        try {
            nextCommitNanos = System.nanoTime() + commitInterval.toNanos();
            while (!closing) {
                try {
                    runRepositionings();
                    applyBackPressure();
                    commitIfDue();
                    dispatch(consumer.poll(pollTimeout()));
                } catch (WakeupException e) {
                    // close() or a completion that made room: the loop checks which.
                }
            }
        } catch (Throwable e) {
            failure = e;
            LOG.error("The consumer of {} for group {} stopped: {}", topic, groupId, e.toString(), e);
        } finally {
            shutDown(failure);
        }
    }

    /** Pauses fetching when a full poll would not fit in the bound, resumes when it would. */
    private void applyBackPressure() {
        boolean full = maxInFlight - inFlight.get() < maxPollRecords;
        if (full) {
            pausing = true;
            // A completion that ran before it could see `pausing` may have made room: look again.
            full = maxInFlight - inFlight.get() < maxPollRecords;
        }
        if (full) {
            if (!paused) {
                paused = true;
                pauses.incrementAndGet();
                LOG.debug("{}: {} records in flight, pausing fetches", name, inFlight.get());
            }
            // Every time: partitions assigned since the last pause must not fetch either.
            consumer.pause(consumer.assignment());
        } else {
            pausing = false;
            wakeupSent.set(false);
            if (paused) {
                paused = false;
                consumer.resume(consumer.paused());
                LOG.debug("{}: {} records in flight, resuming fetches", name, inFlight.get());
            }
        }
    }

    private Duration pollTimeout() {
        long untilCommit = TimeUnit.NANOSECONDS.toMillis(nextCommitNanos - System.nanoTime());
        return Duration.ofMillis(Math.max(1, Math.min(untilCommit, MAX_POLL_WAIT.toMillis())));
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            PartitionWork work = partitions.computeIfAbsent(partition, PartitionWork::new);
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                int now = inFlight.incrementAndGet();
                peakInFlight.accumulateAndGet(now, Math::max);
                if (work.add(record)) {
                    run(work, record);
                }
            }
        }
    }

    /**
     * Runs {@code record} and, as each one finishes, the next record of its key. A stage that is complete
     * already is followed in this loop rather than by recursion, so a run of synchronous handlers cannot
     * overflow the stack.
     */
    private void run(PartitionWork work, ConsumerRecord<byte[], byte[]> first) {
        ConsumerRecord<byte[], byte[]> record = first;
        while (record != null) {
            ConsumerRecord<byte[], byte[]> current = record;
            InlineCompletion inline = new InlineCompletion();
            invoke(current).whenComplete((ignored, error) -> {
                if (inline.completedDuringRegistration(error)) {
                    return;
                }
                ConsumerRecord<byte[], byte[]> next = finish(work, current, error);
                if (next != null) {
                    run(work, next);
                }
            });
            record = inline.registered() ? finish(work, current, inline.error()) : null;
        }
    }

    private CompletionStage<Void> invoke(ConsumerRecord<byte[], byte[]> record) {
        try {
            CompletionStage<Void> stage = handler.handle(record);
            if (stage == null) {
                return CompletableFuture.failedFuture(new NullPointerException("the handler returned null"));
            }
            return stage;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private ConsumerRecord<byte[], byte[]> finish(PartitionWork work, ConsumerRecord<byte[], byte[]> record,
                                                  Throwable error) {
        if (error != null) {
            failed.increment();
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            LOG.error("The handler failed on {}-{} at offset {}; the record counts as handled", record.topic(),
                    record.partition(), record.offset(), cause);
        }
        handled.increment();
        ConsumerRecord<byte[], byte[]> next = work.finish(record);
        // The next record of the key, if any, was counted in flight when it was fetched.
        release(1);
        return next;
    }

    /** Counts {@code count} records out of flight and wakes the poll thread if that makes room to resume. */
    private void release(int count) {
        if (count == 0) {
            return;
        }
        int now = inFlight.addAndGet(-count);
        if (pausing && !closing && maxInFlight - now >= maxPollRecords && Thread.currentThread() != pollThread
                && wakeupSent.compareAndSet(false, true)) {
            consumer.wakeup();
        }
    }

    private void commitIfDue() {
        long now = System.nanoTime();
        if (now - nextCommitNanos < 0) {
            return;
        }
        nextCommitNanos = now + commitInterval.toNanos();
        Map<TopicPartition, OffsetAndMetadata> offsets = advancedOffsets(partitions.values());
        if (!offsets.isEmpty()) {
            // The offsets asked for, not the callback's argument: the consumer passes null there when a commit fails.
            consumer.commitAsync(offsets, (ignored, exception) -> onAsyncCommit(offsets, exception));
        }
    }

    /** Runs on the poll thread, inside a later poll or commit. */
    private void onAsyncCommit(Map<TopicPartition, OffsetAndMetadata> offsets, Exception exception) {
        if (exception == null) {
            offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
        } else {
            LOG.warn("{}: a periodic commit of {} failed ({}); the next one covers it", name, offsets.keySet(),
                    exception.toString());
        }
    }

    /** For each partition whose first unfinished offset moved since the last commit, that offset. */
    private Map<TopicPartition, OffsetAndMetadata> advancedOffsets(Collection<PartitionWork> works) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (PartitionWork work : works) {
            OptionalLong offset = work.committableOffset();
            Long last = committed.get(work.partition());
            if (offset.isPresent() && (last == null || offset.getAsLong() > last)) {
                offsets.put(work.partition(), new OffsetAndMetadata(offset.getAsLong()));
            }
        }
        return offsets;
    }

    /** Commits and waits, retrying through wake-ups (a completion may wake the consumer at any time). */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            try {
                consumer.commitSync(offsets, Duration.ofNanos(Math.max(remaining, TimeUnit.MILLISECONDS.toNanos(1))));
                offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
                return;
            } catch (WakeupException e) {
                if (System.nanoTime() - deadline >= 0) {
                    LOG.warn("{}: could not commit {} in time; records after the last commit will be handled again",
                            name, offsets);
                    return;
                }
            } catch (KafkaException e) {
                LOG.warn("{}: could not commit {} ({}); records after the last commit will be handled again", name,
                        offsets, e.toString());
                if (e instanceof InterruptException) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
    }

    /**
     * Stops the given partitions' work; when they are handed back in order (revoked, closing) rather than lost,
     * waits for their running records and commits what finished.
     */
    private void stopPartitions(Collection<PartitionWork> works, boolean commit) {
        for (PartitionWork work : works) {
            release(work.close());
        }
        if (!commit) {
            return;
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        int stillRunning = 0;
        try {
            for (PartitionWork work : works) {
                stillRunning += work.awaitIdle(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stillRunning > 0) {
            LOG.warn("{}: {} records were still being handled after {} ms; they will be handled again by the next "
                    + "owner of their partitions", name, stillRunning, closeTimeout.toMillis());
        }
        commitSync(advancedOffsets(works));
    }

    private void runRepositionings() {
        for (Repositioning next = repositionings.poll(); next != null; next = repositionings.poll()) {
            try {
                next.done.complete(repositionOwned(next.offsets));
            } catch (RuntimeException e) {
                next.done.completeExceptionally(e);
            }
        }
    }

    private Map<TopicPartition, Long> repositionOwned(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> owned = new LinkedHashMap<>();
        List<PartitionWork> works = new ArrayList<>();
        offsets.forEach((partition, offset) -> {
            PartitionWork work = partitions.get(partition);
            if (work != null) {
                owned.put(partition, offset);
                works.add(work);
            }
        });
        if (owned.isEmpty()) {
            return owned;
        }
        for (PartitionWork work : works) {
            release(work.close());
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        int stillRunning = 0;
        try {
            for (PartitionWork work : works) {
                stillRunning += work.awaitIdle(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stillRunning > 0) {
            LOG.warn("{}: {} records were still being handled after {} ms; repositioning all the same", name,
                    stillRunning, closeTimeout.toMillis());
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new LinkedHashMap<>();
        owned.forEach((partition, offset) -> {
            consumer.seek(partition, offset);
            partitions.put(partition, new PartitionWork(partition));
            commit.put(partition, new OffsetAndMetadata(offset));
            // Lower than what was committed: periodic commits go on from here.
            committed.put(partition, offset);
        });
        LOG.info("{}: repositioned {} at {}", name, topic, owned);
        commitRepositioned(commit);
        return owned;
    }

    /** Commits and waits, through wake-ups; a failure is thrown, for the one who asked to reposition. */
    private void commitRepositioned(Map<TopicPartition, OffsetAndMetadata> offsets) {
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            try {
                consumer.commitSync(offsets, Duration.ofNanos(Math.max(remaining, TimeUnit.MILLISECONDS.toNanos(1))));
                return;
            } catch (WakeupException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new KafkaException("could not commit " + offsets + " within " + closeTimeout.toMillis()
                            + " ms");
                }
            }
        }
    }

    private void shutDown(Throwable failure) {
        closing = true; // also when the loop ended on a failure: no completion may wake the consumer now
        try {
            List<PartitionWork> works = new ArrayList<>(partitions.values());
            partitions.clear();
            assigned = Set.of();
            stopPartitions(works, true);
        } catch (RuntimeException e) {
            LOG.warn("{}: error while handing back partitions at close", name, e);
        } finally {
            synchronized (lifecycle) {
                closing = true; // set already unless consuming failed; no repositioning is queued after this
                for (Repositioning left = repositionings.poll(); left != null; left = repositionings.poll()) {
                    left.done.completeExceptionally(new IllegalStateException("The consumer of " + topic
                            + " for group " + groupId + " stopped before repositioning"));
                }
            }
            try {
                consumer.close(CloseOptions.timeout(closeTimeout));
            } catch (RuntimeException e) {
                LOG.warn("{}: error while closing the Kafka consumer", name, e);
            }
            LOG.info("{}: stopped consuming {} for group {} after {} records", name, topic, groupId, handled.sum());
            if (failure == null) {
                terminated.complete(null);
            } else {
                terminated.completeExceptionally(failure);
            }
        }
    }

    /** Runs on the poll thread, inside {@code poll}. */
    private final class RebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> added) {
            joined = true;
            if (added.isEmpty()) {
                return;
            }
            for (TopicPartition partition : added) {
                partitions.putIfAbsent(partition, new PartitionWork(partition));
                // Its offset may have been moved (a rewind) while another member owned it.
                committed.remove(partition);
            }
            if (paused) {
                consumer.pause(added);
            }
            assigned = Set.copyOf(partitions.keySet());
            LOG.info("{}: assigned {}", name, describe(added));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            handBack(revoked, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            handBack(lost, false);
        }

        private void handBack(Collection<TopicPartition> taken, boolean commit) {
            List<PartitionWork> works = new ArrayList<>();
            for (TopicPartition partition : taken) {
                PartitionWork work = partitions.remove(partition);
                if (work != null) {
                    works.add(work);
                }
            }
            if (works.isEmpty()) {
                return;
            }
            assigned = Set.copyOf(partitions.keySet());
            LOG.info("{}: {} {}", name, commit ? "revoked" : "lost, without commit,", describe(taken));
            stopPartitions(works, commit);
        }

        private String describe(Collection<TopicPartition> changed) {
            Set<Integer> numbers = new TreeSet<>();
            changed.forEach(partition -> numbers.add(partition.partition()));
            return topic + " partitions " + numbers;
        }
    }

    /** A call of {@link #reposition} waiting for the poll thread. */
    private static final class Repositioning {
        final Map<TopicPartition, Long> offsets;
        final CompletableFuture<Map<TopicPartition, Long>> done = new CompletableFuture<>();

        Repositioning(Map<TopicPartition, Long> offsets) {
            this.offsets = offsets;
        }
    }

    /**
     * Tells the thread that registers a completion callback whether the stage was complete already, in which
     * case that thread goes on with the next record itself.
     */
    private static final class InlineCompletion {
        private boolean registered;
        private boolean completedInline;
        private Throwable error;

        /** From the callback: true if registration is still under way, so the registering thread takes over. */
        synchronized boolean completedDuringRegistration(Throwable error) {
            if (registered) {
                return false;
            }
            completedInline = true;
            this.error = error;
            return true;
        }

        /** From the registering thread, after registering: true if the callback already ran and handed over. */
        synchronized boolean registered() {
            registered = true;
            return completedInline;
        }

        synchronized Throwable error() {
            return error;
        }
    }

    /**
     * Settings for a {@link KeyOrderedConsumer}; {@link #build()} checks them together.
     *
     * <p>Consumer properties pass through to Kafka's consumer as they are, with these exceptions: the key and
     * value are always read as bytes, {@code enable.auto.commit} is always false, {@code max.poll.records} is
     * capped as described on {@link KeyOrderedConsumer}, and {@code group.protocol} defaults to {@code consumer}.
     */
    public static final class Builder {
        private final Map<String, Object> properties = new HashMap<>();
        private String topic;
        private RecordHandler handler;
        private int maxInFlight = 1000;
        private Duration commitInterval = Duration.ofSeconds(1);
        private Duration closeTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The Kafka cluster: {@code bootstrap.servers}. Required. */
        public Builder bootstrapServers(String bootstrapServers) {
            return property(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }

        /** The consumer group to join: {@code group.id}. Required. */
        public Builder groupId(String groupId) {
            return property(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }

        /** The client id, shown in the broker's logs and metrics and naming the poll thread: {@code client.id}. */
        public Builder clientId(String clientId) {
            return property(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        }

        /** Any Kafka consumer property (security, timeouts, {@code auto.offset.reset}, ...). */
        public Builder property(String key, Object value) {
            properties.put(Objects.requireNonNull(key, "key is null"), Objects.requireNonNull(value, "value is null"));
            return this;
        }

        /** Several Kafka consumer properties at once; they override the ones set before. */
        public Builder properties(Map<String, ?> properties) {
            properties.forEach(this::property);
            return this;
        }

        /** The topic to consume. Required. */
        public Builder topic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic is null");
            return this;
        }

        /** What to do with each record. Required. */
        public Builder handler(RecordHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler is null");
            return this;
        }

        /** The most records fetched and not finished at any time, across all partitions. Default 1000. */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** How often finished offsets are committed while consuming. Default 1 s. */
        public Builder commitInterval(Duration commitInterval) {
            this.commitInterval = Objects.requireNonNull(commitInterval, "commitInterval is null");
            return this;
        }

        /**
         * How long running records get to finish when their partitions are revoked or at close; commits and the
         * Kafka consumer's own close are bounded by it too. Default 10 s.
         */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout is null");
            return this;
        }

        /**
         * The consumer, not started yet.
         *
         * @throws IllegalArgumentException naming the setting that is missing or out of range
         */
        public KeyOrderedConsumer build() {
            requireText(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "the Kafka cluster's addresses");
            requireText(ConsumerConfig.GROUP_ID_CONFIG, "the consumer group to join");
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("The consumer needs a topic to consume");
            }
            if (handler == null) {
                throw new IllegalArgumentException("The consumer of " + topic + " needs a record handler");
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
            }
            if (commitInterval.isNegative() || commitInterval.isZero()) {
                throw new IllegalArgumentException("The commit interval must be positive, not " + commitInterval);
            }
            if (closeTimeout.isNegative()) {
                throw new IllegalArgumentException("The close timeout must not be negative, not " + closeTimeout);
            }
            Object autoCommit = properties.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
            if (autoCommit != null && Boolean.parseBoolean(autoCommit.toString())) {
                throw new IllegalArgumentException(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG + " cannot be true: the "
                        + "consumer commits offsets itself, once the records before them are finished");
            }
            Map<String, Object> config = new HashMap<>(properties);
            config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
            config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.putIfAbsent(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
            int maxPollRecords = maxPollRecords(config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
            return new KeyOrderedConsumer(this, config, maxPollRecords);
        }

        private int maxPollRecords(Object configured) {
            int cap = Math.max(1, Math.min(DEFAULT_MAX_POLL_RECORDS, maxInFlight / 2));
            if (configured == null) {
                return cap;
            }
            int value;
            try {
                value = Integer.parseInt(configured.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ConsumerConfig.MAX_POLL_RECORDS_CONFIG + " must be a number, not '"
                        + configured + "'", e);
            }
            if (value < 1) {
                throw new IllegalArgumentException(ConsumerConfig.MAX_POLL_RECORDS_CONFIG + " must be at least 1, not "
                        + value);
            }
            return Math.min(value, Math.max(1, maxInFlight / 2));
        }

        private void requireText(String key, String what) {
            Object value = properties.get(key);
            if (value == null || value.toString().isBlank()) {
                throw new IllegalArgumentException("The consumer needs " + key + ": " + what);
            }
        }
    }
}
